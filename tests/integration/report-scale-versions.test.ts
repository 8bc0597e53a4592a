import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// A questionnaire whose v1 has the standard 4-level scale and whose v2 (stored before a published scale
// was fixed: written straight into the table here, as the builder and the API now refuse it) has 5
// levels: a new top level "excellent" above the four, and "basically_satisfied" renamed "fair". The
// report's answer distribution is on v2's scale, each version's answers counted on the level of the same
// key: v1's very_satisfied, satisfied and dissatisfied move one place down, v1's basically_satisfied
// (a key v2 lacks) is left out of the counts but not of n or the score.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const text = (en: string, zh = en) => ({ en, "zh-CN": zh });
const ITEMS = ["q1", "q2"];
const sections = [
  {
    key: "main",
    title: text("Main"),
    items: ITEMS.map((key) => ({ key, type: "satisfaction", text: text(key) })),
  },
];
const V2_SCALE = {
  levels: [
    { key: "excellent", points: 100, label: text("Excellent", "极其满意") },
    { key: "very_satisfied", points: 95, label: text("Very satisfied", "非常满意") },
    { key: "satisfied", points: 90, label: text("Satisfied", "满意") },
    { key: "fair", points: 75, label: text("Fair", "一般") },
    { key: "dissatisfied", points: 60, label: text("Dissatisfied", "不满意") },
  ],
};

/** Each version's respondents, by the level both their items were answered on. */
const V1_ANSWERS = { very_satisfied: 8, satisfied: 6, basically_satisfied: 4, dissatisfied: 2 };
const V2_ANSWERS = { excellent: 3, very_satisfied: 5, satisfied: 6, fair: 4, dissatisfied: 2 };

let clock = new Date("2026-10-15T06:00:00Z");
let app: TestApp;
let token: string;
let questionnaireId: number;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${app.baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

beforeAll(async () => {
  app = await startTestApp({ now: () => clock, workers: false });
  token = await createApiTokenThroughAdmin(app, "quality");
  const db = app.database.db;
  const created = await api("POST", "/questionnaires", {
    definition: { title: text("Two scales"), sections },
  });
  expect(created.status).toBe(201);
  questionnaireId = created.body.data.id;
  expect((await api("POST", `/questionnaires/${questionnaireId}/publish`)).status).toBe(200);

  // the legacy v2: published with another scale
  await db
    .insertInto("questionnaire_version")
    .values({
      questionnaire_id: questionnaireId,
      version_number: 2,
      status: "published",
      published_at: new Date("2026-10-01T00:00:00Z"),
      definition: JSON.stringify({ title: text("Two scales"), scale: V2_SCALE, sections }),
    })
    .execute();
  const versions = await db
    .selectFrom("questionnaire_version")
    .select(["id", "version_number"])
    .where("questionnaire_id", "=", questionnaireId)
    .orderBy("version_number")
    .execute();
  // one wave per version, so each response is stored against the version it answered
  const waveOf = new Map<number, number>();
  for (const version of versions) {
    const wave = await db
      .insertInto("wave")
      .values({
        questionnaire_id: questionnaireId,
        questionnaire_version_id: version.id,
        name: `v${version.version_number}`,
        channel: "web",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    waveOf.set(version.version_number, wave.id);
  }
  for (const [versionNumber, answers] of [
    [1, V1_ANSWERS],
    [2, V2_ANSWERS],
  ] as const) {
    for (const [level, count] of Object.entries(answers)) {
      for (let i = 0; i < count; i += 1) {
        const posted = await api("POST", "/responses", {
          waveId: waveOf.get(versionNumber),
          answers: Object.fromEntries(ITEMS.map((item) => [item, level])),
        });
        expect(posted.status).toBe(201);
      }
    }
  }
  clock = new Date("2026-11-02T09:00:00Z");
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("a report over versions with different scales", () => {
  it("adds the answer counts by level key onto the newest scale, not by position", async () => {
    const report = await api("GET", `/reports?questionnaire=${questionnaireId}&period=2026-10`);
    expect(report.status).toBe(200);
    const model = report.body.data;
    expect(model.scale.map((level: Json) => level.key)).toEqual(V2_SCALE.levels.map((level) => level.key));
    // v1: 8 × 100 + 6 × 90 + 4 × 75 + 2 × 60 = 1,760; v2: 3 × 100 + 5 × 95 + 6 × 90 + 4 × 75 + 2 × 60 = 1,735
    const score = (1_760 + 1_735) / 40;
    expect(model.headline).toMatchObject({ n: 40, score });
    for (const itemKey of ITEMS) {
      const item = model.distribution.find((candidate: Json) => candidate.itemKey === itemKey);
      expect(item.levels.map((level: Json) => [level.levelKey, level.count])).toEqual([
        ["excellent", 3],
        ["very_satisfied", 5 + 8],
        ["satisfied", 6 + 6],
        ["fair", 4],
        ["dissatisfied", 2 + 2],
      ]);
      // v1's 4 basically_satisfied answers are on no level of v2's scale: counted in n and the score only
      expect(item).toMatchObject({ n: 40, answerCount: 36, score });
      expect(item.levels[4].share).toBe(4 / 36);
    }
    // the dissatisfied answers are those on the newest scale's lowest level, of either version
    expect(model.dissatisfaction.items.map((item: Json) => [item.itemKey, item.count])).toEqual([
      ["q1", 4],
      ["q2", 4],
    ]);
  });
});
