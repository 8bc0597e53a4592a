// The host runs in UTC (as CI does) while the organisation is in Shanghai (UTC+8): a closing day must
// still mean the end of that day in Shanghai, whether the wave comes from the console or the API.
process.env.TZ = "UTC";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let quality: PageClient;
let clock = new Date();
beforeAll(async () => {
  app = await startTestApp({ now: () => clock, timeZone: "Asia/Shanghai" });
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.database.db;
const questionnaireId = async () =>
  (
    await db()
      .selectFrom("wave")
      .select("questionnaire_id")
      .where("slug", "=", "sancheng-2026")
      .executeTakeFirstOrThrow()
  ).questionnaire_id;

async function createThroughConsole(slug: string, dates: { opensAt?: string; closesAt: string }) {
  await quality.get("/admin/waves/new");
  const created = await quality.post("/admin/waves", {
    name: `Open link ${slug}`,
    questionnaireId: String(await questionnaireId()),
    channel: "web",
    audience: "all",
    slug,
    defaultLocale: "en",
    ...dates,
  });
  expect(created.status).toBe(303);
  return Number(/\/admin\/waves\/(\d+)/.exec(created.location ?? "")?.[1]);
}

async function createThroughApi(slug: string, dates: { opensAt?: string; closesAt: string }) {
  const token = await createApiTokenThroughAdmin(app, "quality", `token ${slug}`);
  const response = await fetch(`${app.baseUrl}/api/v1/waves`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: `Open link ${slug}`,
      questionnaireId: await questionnaireId(),
      channel: "web",
      slug,
      defaultLocale: "en",
      ...dates,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: number } }).data.id;
}

/** The open link's status at an instant (200 open, 410 closed, 403 not yet open). */
async function statusAt(slug: string, instant: string) {
  const saved = clock;
  clock = new Date(instant);
  try {
    return (await fetch(`${app.baseUrl}/w/${slug}?lang=en`)).status;
  } finally {
    clock = saved;
  }
}

describe.each([
  ["the console form", createThroughConsole, "closing-form"],
  ["the API", createThroughApi, "closing-api"],
])(
  "a wave closing on 10 March 2027, created through %s, with TIME_ZONE=Asia/Shanghai on a UTC host",
  (_path, create, slug) => {
    let waveId: number;
    beforeAll(async () => {
      waveId = await create(slug, { closesAt: "2027-03-10" });
    });

    it("closes after the last instant of 10 March in Shanghai", async () => {
      const wave = await db()
        .selectFrom("wave")
        .select("closes_at")
        .where("id", "=", waveId)
        .executeTakeFirstOrThrow();
      expect(wave.closes_at?.toISOString()).toBe("2027-03-10T15:59:59.999Z");
    });

    it("is still open at 23:00 on 10 March in Shanghai and closed at 00:00:01 on 11 March", async () => {
      expect(await statusAt(slug, "2027-03-10T23:00:00+08:00")).toBe(200);
      expect(await statusAt(slug, "2027-03-11T00:00:01+08:00")).toBe(410);
    });

    it("shows its closing time in Shanghai on the console", async () => {
      const page = await quality.get(`/admin/waves/${waveId}`);
      expect(page.text.replace(/\u202f/g, " ")).toContain("Mar 10, 2027, 11:59 PM");
    });
  },
);

describe("a wave opening on 1 March 2027 in Shanghai", () => {
  it("opens at midnight there and tells early respondents the day in Shanghai", async () => {
    await createThroughApi("opening-api", { opensAt: "2027-03-01", closesAt: "2027-03-10" });
    expect(await statusAt("opening-api", "2027-03-01T00:00:01+08:00")).toBe(200);
    clock = new Date("2027-02-28T23:30:00+08:00");
    const early = await fetch(`${app.baseUrl}/w/opening-api?lang=en`);
    expect(early.status).toBe(403);
    expect(await early.text()).toContain("March 1, 2027");
  });

  it("refuses a closing day before the opening day", async () => {
    const token = await createApiTokenThroughAdmin(app, "quality", "token order");
    const response = await fetch(`${app.baseUrl}/api/v1/waves`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "Backwards",
        questionnaireId: await questionnaireId(),
        channel: "web",
        slug: "backwards",
        opensAt: "2027-03-10",
        closesAt: "2027-03-09",
      }),
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("must be after the opening date");
  });
});
