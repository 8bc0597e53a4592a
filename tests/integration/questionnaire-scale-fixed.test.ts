import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { PageClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Once a version is published, later versions keep its satisfaction scale (levels, keys, points): the
// report adds every version's answers up level by level. A changed scale is refused through the API and
// the builder, in English and Chinese, naming what changed, and nothing is saved; labels may change.

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are checked field by field below
type Json = any;

const text = (en: string, zh = en) => ({ en, "zh-CN": zh });
const STANDARD = [
  { key: "very_satisfied", points: 100, label: text("Very satisfied", "非常满意") },
  { key: "satisfied", points: 90, label: text("Satisfied", "满意") },
  { key: "basically_satisfied", points: 75, label: text("Basically satisfied", "基本满意") },
  { key: "dissatisfied", points: 60, label: text("Dissatisfied", "不满意") },
];
const definition = (levels?: typeof STANDARD) => ({
  title: text("Fixed scale"),
  ...(levels ? { scale: { levels } } : {}),
  sections: [
    { key: "main", title: text("Main"), items: [{ key: "q1", type: "satisfaction", text: text("q1") }] },
  ],
});
const FIVE_LEVELS = [
  ...STANDARD,
  { key: "very_dissatisfied", points: 40, label: text("Very dissatisfied", "非常不满意") },
];

let app: TestApp;
let token: string;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${app.baseUrl}/api/v1/questionnaires${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

/** A questionnaire on the standard scale with v1 published, through the API. */
async function publishedQuestionnaire(): Promise<number> {
  const created = await api("POST", "", { definition: definition() });
  expect(created.status).toBe(201);
  const id = created.body.data.id as number;
  expect((await api("POST", `/${id}/publish`)).status).toBe(200);
  return id;
}

const versionRows = (id: number) =>
  app.database.db
    .selectFrom("questionnaire_version")
    .select(["version_number", "status", "definition"])
    .where("questionnaire_id", "=", id)
    .orderBy("version_number")
    .execute();

beforeAll(async () => {
  app = await startTestApp();
  token = await createApiTokenThroughAdmin(app, "quality");
});
afterAll(async () => {
  await app?.close();
});

describe("the API", () => {
  it("refuses a later version with another number of levels, or another key or points, and saves nothing", async () => {
    const id = await publishedQuestionnaire();
    const before = await versionRows(id);

    const more = await api("PUT", `/${id}/draft`, { definition: definition(FIVE_LEVELS) });
    expect(more.status).toBe(422);
    expect(more.body.error.details.issues).toEqual([
      {
        field: "definition.scale.levels",
        message:
          "the scale cannot change once a version is published: v1 has 4 levels (very_satisfied (100), satisfied (90), basically_satisfied (75), dissatisfied (60)), this version 5 (very_satisfied (100), satisfied (90), basically_satisfied (75), dissatisfied (60), very_dissatisfied (40)). Only the labels can change; a new scale needs a new questionnaire",
      },
    ]);

    const changed = STANDARD.map((level) => ({ ...level }));
    changed[1] = { ...STANDARD[1], key: "good", points: 85 } as (typeof STANDARD)[number];
    const renamed = await api("PUT", `/${id}/draft`, { definition: definition(changed) });
    expect(renamed.status).toBe(422);
    expect(renamed.body.error.details.issues).toEqual([
      {
        field: "definition.scale.levels.1.key",
        message:
          'level 2 is "satisfied" in the published v1; a later version cannot change it to "good" (only the labels can change)',
      },
      {
        field: "definition.scale.levels.1.points",
        message:
          'level 2 ("satisfied") scores 90 points in the published v1; a later version cannot change it to 85 (only the labels can change)',
      },
    ]);
    expect(await versionRows(id)).toEqual(before);

    // the labels may change, and the standard scale written out is the same scale
    const relabelled = STANDARD.map((level) => ({ ...level, label: text(`${level.label.en}!`) }));
    const saved = await api("PUT", `/${id}/draft`, { definition: definition(relabelled) });
    expect(saved.status).toBe(200);
    expect((await api("POST", `/${id}/publish`)).status).toBe(200);
    // v2 is now the version later ones are held to: still the same levels
    expect((await api("PUT", `/${id}/draft`, { definition: definition() })).status).toBe(200);
  });

  it("refuses to publish a draft stored with another scale before the rule", async () => {
    const id = await publishedQuestionnaire();
    await app.database.db
      .insertInto("questionnaire_version")
      .values({
        questionnaire_id: id,
        version_number: 2,
        status: "draft",
        definition: JSON.stringify(definition(FIVE_LEVELS)),
      })
      .execute();
    const refused = await api("POST", `/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.issues[0].field).toBe("definition.scale.levels");
    expect((await versionRows(id)).map((row) => [row.version_number, row.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
  });
});

describe("the builder", () => {
  /** The scale form as the builder posts it, from these levels. */
  const scaleForm = (levels: typeof STANDARD) =>
    Object.fromEntries(
      levels.flatMap((level, i) => [
        [`levels.${i}.originalKey`, STANDARD[i]?.key ?? ""],
        [`levels.${i}.key`, level.key],
        [`levels.${i}.points`, String(level.points)],
        [`levels.${i}.label.zh-CN`, level.label["zh-CN"]],
        [`levels.${i}.label.en`, level.label.en],
      ]),
    );

  it.each([
    [
      "zh-CN",
      "已发布的 v1 中第 4 级（“dissatisfied”）得 60 分，之后的版本不能改为 50 分（只能修改等级名称）",
      "已有版本发布后不能更改量表：v1 有 4 个等级",
    ],
    [
      "en",
      "level 4 (&quot;dissatisfied&quot;) scores 60 points in the published v1; a later version cannot change it to 50 (only the labels can change)",
      "the scale cannot change once a version is published: v1 has 4 levels",
    ],
  ])(
    "refuses a changed scale with the reason at its field (%s), and makes no draft",
    async (locale, pointsError, countError) => {
      const id = await publishedQuestionnaire();
      const before = await versionRows(id);
      const page = new PageClient(app.baseUrl, { "accept-language": locale });
      await page.logIn("quality", "manyi-quality-demo");
      const builder = await page.get(`/admin/questionnaires/${id}/edit`);
      expect(builder.status).toBe(200);
      // the builder says so before anyone tries
      expect(builder.text).toContain(
        locale === "en"
          ? "v1 is published: every later version keeps its levels"
          : "v1 已发布：之后的每个版本都保留它的等级",
      );

      const lower = STANDARD.map((level) => ({ ...level }));
      lower[3] = { ...STANDARD[3], points: 50 } as (typeof STANDARD)[number];
      const points = await page.post(`/admin/questionnaires/${id}/scale`, scaleForm(lower));
      expect(points.status).toBe(422);
      expect(points.text).toContain(`id="scale-levels-3-points-error">${pointsError}<`);

      await page.get(`/admin/questionnaires/${id}/edit`);
      const added = await page.post(`/admin/questionnaires/${id}/scale`, scaleForm(FIVE_LEVELS));
      expect(added.status).toBe(422);
      expect(added.text).toContain(countError);
      expect(await versionRows(id)).toEqual(before);

      // relabelling is a change like any other: it makes draft v2
      await page.get(`/admin/questionnaires/${id}/edit`);
      const relabelled = STANDARD.map((level) => ({
        ...level,
        label: text(`${level.label.en}.`, `${level.label["zh-CN"]}。`),
      }));
      expect((await page.post(`/admin/questionnaires/${id}/scale`, scaleForm(relabelled))).status).toBe(303);
      expect((await versionRows(id)).map((row) => [row.version_number, row.status])).toEqual([
        [1, "published"],
        [2, "draft"],
      ]);
    },
  );
});
