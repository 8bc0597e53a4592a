import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findItem } from "../../src/questionnaires/builder/builder-operations.ts";
import type { QuestionnaireDefinition } from "../../src/questionnaires/questionnaire-definition.ts";
import { createApiTokenThroughAdmin } from "../helpers/api-token.ts";
import { heading, PageClient, type PageResponse } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let quality: PageClient;
let admin: PageClient;
beforeAll(async () => {
  app = await startTestApp();
  quality = new PageClient(app.baseUrl, { "accept-language": "en" });
  await quality.logIn("quality", "manyi-quality-demo");
  admin = new PageClient(app.baseUrl, { "accept-language": "en" });
  await admin.logIn("admin", "manyi-admin-demo");
});
afterAll(async () => {
  await app?.close();
});

const BASE = "/admin/questionnaires";
const templateText = (name: string) =>
  readFileSync(new URL(`../../seeds/templates/${name}.json`, import.meta.url), "utf8");
const template = (name: string) => JSON.parse(templateText(name)) as QuestionnaireDefinition;

const db = () => app.database.db;
const questionnaireCount = async () =>
  Number(
    (
      await db()
        .selectFrom("questionnaire")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const versions = (id: number) =>
  db()
    .selectFrom("questionnaire_version")
    .select(["version_number", "status", "definition", "published_at"])
    .where("questionnaire_id", "=", id)
    .orderBy("version_number")
    .execute();
async function draftOf(id: number): Promise<QuestionnaireDefinition> {
  const row = await db()
    .selectFrom("questionnaire_version")
    .select("definition")
    .where("questionnaire_id", "=", id)
    .where("status", "=", "draft")
    .executeTakeFirstOrThrow();
  return row.definition as QuestionnaireDefinition;
}
const itemKeys = (definition: QuestionnaireDefinition) =>
  definition.sections.map((section) => `${section.key}: ${section.items.map((item) => item.key).join(" ")}`);

/** Creates a questionnaire through the page and returns its id (from the redirect to the builder). */
async function create(form: Record<string, string>): Promise<number> {
  await quality.get(`${BASE}/new`);
  const created = await quality.post(BASE, form);
  expect(created.status).toBe(303);
  const id = Number(/\/admin\/questionnaires\/(\d+)\/edit$/.exec(created.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Posts a builder form from the builder page, as a person would, with a fresh CSRF token. */
async function builderPost(id: number, path: string, form: Record<string, string> = {}) {
  await quality.get(`${BASE}/${id}/edit`);
  return quality.post(`${BASE}/${id}${path}`, form);
}

/**
 * The form fields of the item editor as the server rendered them: what a browser would post back.
 * Ticked checkboxes sharing a name give one entry each.
 */
function formFields(html: string): [string, string][] {
  const form =
    /<form method="post" action="\/admin\/questionnaires\/\d+\/items\/[a-z0-9_]+"[\s\S]*?<\/form>/.exec(
      html,
    )?.[0];
  if (!form) throw new Error("no item form on the page");
  const fields: [string, string][] = [];
  const decode = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&#x3D;/g, "=")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const [, attributes = ""] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    const value = /value="([^"]*)"/.exec(attributes)?.[1] ?? "";
    const type = /type="([^"]*)"/.exec(attributes)?.[1];
    if (!name || name === "_csrf") continue;
    if ((type === "checkbox" || type === "radio") && !/\schecked/.test(attributes)) continue;
    fields.push([decode(name), decode(value)]);
  }
  for (const [, name = "", text = ""] of form.matchAll(
    /<textarea[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g,
  )) {
    fields.push([decode(name), decode(text)]);
  }
  for (const [, name = "", options = ""] of form.matchAll(
    /<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    fields.push([decode(name), decode(/<option value="([^"]*)" selected>/.exec(options)?.[1] ?? "")]);
  }
  return fields;
}

/** Opens an item's editor and posts its form back with `changes` (a field set to "" is left out). */
async function editItem(id: number, key: string, changes: Record<string, string>): Promise<PageResponse> {
  const page = await quality.get(`${BASE}/${id}/items/${key}`);
  expect(page.status).toBe(200);
  const body = new URLSearchParams({ _csrf: quality.csrfToken ?? "" });
  for (const [name, value] of formFields(page.text)) if (!(name in changes)) body.append(name, value);
  for (const [name, value] of Object.entries(changes)) if (value !== "") body.append(name, value);
  return quality.request(
    "POST",
    `${BASE}/${id}/items/${key}`,
    body.toString(),
    "application/x-www-form-urlencoded",
  );
}

describe("the questionnaire list", () => {
  it("lists questionnaires with status, responses and last change, paginated", async () => {
    const page = await quality.get(BASE);
    expect(page.status).toBe(200);
    expect(heading(page.text)).toBe("Questionnaires");
    expect(page.text).toContain('href="/admin/questionnaires/new"');
    expect(page.text).toContain("Published v1");
    const total = await questionnaireCount();
    const first = await quality.get(`${BASE}?pageSize=2`);
    expect(first.text.match(/class="row-link"/g)).toHaveLength(Math.min(2, total));
    expect(first.text).toContain(`Page 1 of ${Math.ceil(total / 2)}`);
    const beyond = await quality.get(`${BASE}?page=999`);
    expect(beyond.text).toContain("There are no questionnaires on this page.");
    expect((await quality.get(`${BASE}?page=0`)).status).toBe(422);
  });

  it("names each questionnaire by its title in the page's language", async () => {
    const english = await quality.get(`${BASE}?pageSize=100`);
    expect(english.text).toContain(">Annual customer satisfaction survey</a>");
    expect(english.text).not.toContain(">客户满意度年度调查（三诚）</a>");
    const chinese = new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await chinese.logIn("quality", "manyi-quality-demo");
    const page = await chinese.get(`${BASE}?pageSize=100`);
    expect(page.text).toContain(">客户满意度年度调查（三诚）</a>");
    // and wherever else a questionnaire is named: the responses filter, the new wave form
    for (const path of ["/admin/responses", "/admin/waves/new"]) {
      const english = await quality.get(path);
      expect(english.text, path).toMatch(/<option value="\d+"[^>]*>Annual customer satisfaction survey/);
      expect(english.text, path).not.toContain("客户满意度年度调查（三诚）");
    }
  });
});

describe("creating a questionnaire", () => {
  it.each(["sancheng", "servqual", "kano", "post-service"])(
    "from the %s template: draft v1 with the template's definition",
    async (name) => {
      const id = await create({ source: "template", template: name });
      const rows = await versions(id);
      expect(rows.map((row) => [row.version_number, row.status])).toEqual([[1, "draft"]]);
      expect(rows[0]?.definition).toEqual(template(name));
      const builder = await quality.get(`${BASE}/${id}/edit`);
      expect(builder.status).toBe(200);
      expect(builder.text).toContain("The questionnaire was created as draft v1.");
    },
  );

  it("offers the templates with a description in the page's language", async () => {
    const english = await quality.get(`${BASE}/new`);
    expect(english.text).toContain("Annual customer satisfaction survey");
    expect(english.text).toContain("22 paired expectation/perception statements");
    const chinese = await new PageClient(app.baseUrl, { "accept-language": "zh-CN" });
    await chinese.logIn("quality", "manyi-quality-demo");
    const page = await chinese.get(`${BASE}/new`);
    expect(heading(page.text)).toBe("新建问卷");
    expect(page.text).toContain("客户满意度年度调查（三诚）");
    expect(page.text).toContain("五个 RATER 维度下的 22 组期望/感知陈述");
  });

  it("from a blank questionnaire: one section with one satisfaction item", async () => {
    const id = await create({ source: "blank" });
    const definition = await draftOf(id);
    expect(definition.sections).toHaveLength(1);
    expect(definition.sections[0]?.items.map((item) => item.type)).toEqual(["satisfaction"]);
  });

  it("by importing a definition file", async () => {
    const id = await create({ source: "import", definitionJson: templateText("kano") });
    expect(await draftOf(id)).toEqual(template("kano"));
  });

  it("refuses malformed JSON with 422, keeps the text, and stores nothing", async () => {
    const before = await questionnaireCount();
    await quality.get(`${BASE}/new`);
    const bad = '{ "title": { "zh-CN": "坏", "en": "Bad" }, ';
    const page = await quality.post(BASE, { source: "import", definitionJson: bad });
    expect(page.status).toBe(422);
    expect(page.text).toContain("The definition was not imported; nothing was stored.");
    expect(page.text).toContain("the file is not valid JSON");
    expect(page.text).toContain("{ &quot;title&quot;: { &quot;zh-CN&quot;: &quot;坏&quot;");
    expect(await questionnaireCount()).toBe(before);

    const empty = await quality.post(BASE, { source: "import", definitionJson: "  " });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain("paste the JSON or choose a file");
    expect(await questionnaireCount()).toBe(before);
  });

  it("refuses an invalid definition with 422 naming the path and the item, and stores nothing", async () => {
    const before = await questionnaireCount();
    const definition = template("post-service");
    const [first, second] = definition.sections[0]?.items ?? [];
    if (!first || !second) throw new Error("template changed");
    first.text.en = "";
    second.text["zh-CN"] = "";
    await quality.get(`${BASE}/new`);
    const page = await quality.post(BASE, { source: "import", definitionJson: JSON.stringify(definition) });
    expect(page.status).toBe(422);
    expect(page.text).toContain("Item overall");
    expect(page.text).toContain("<code>sections.0.items.0.text.en</code>");
    expect(page.text).toContain("English text is required");
    expect(page.text).toContain("Item staff");
    expect(page.text).toContain("<code>sections.0.items.1.text.zh-CN</code>");
    expect(page.text).toContain("Chinese text is required");
    expect(await questionnaireCount()).toBe(before);

    // The rules across items are checked once the shape is right: a dimension that does not exist.
    const unknownDimension = template("post-service");
    const overall = unknownDimension.sections[0]?.items[0];
    if (!overall) throw new Error("template changed");
    overall.dimension = "诚心";
    const crossItem = await quality.post(BASE, {
      source: "import",
      definitionJson: JSON.stringify(unknownDimension),
    });
    expect(crossItem.status).toBe(422);
    expect(crossItem.text).toContain("Item overall");
    expect(crossItem.text).toContain("unknown dimension &quot;诚心&quot;");
    expect(await questionnaireCount()).toBe(before);
  });

  it("refuses an unknown template or source", async () => {
    await quality.get(`${BASE}/new`);
    expect((await quality.post(BASE, { source: "template", template: "nope" })).status).toBe(422);
    expect((await quality.post(BASE, { source: "magic" })).status).toBe(422);
  });
});

describe("the builder", () => {
  it("keeps every change when several are saved at the same moment", async () => {
    const id = await create({ source: "blank" });
    await quality.get(`${BASE}/${id}/edit`);
    const posted = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? quality.post(`${BASE}/${id}/sections`, {})
          : quality.post(`${BASE}/${id}/sections/section_1/items`, { type: "rating" }),
      ),
    );
    expect(posted.map((response) => response.status)).toEqual(Array(6).fill(303));
    const draft = await draftOf(id);
    expect(draft.sections).toHaveLength(1 + 3);
    expect(draft.sections[0]?.items.map((item) => item.key).sort()).toEqual([
      "rating_1",
      "rating_2",
      "rating_3",
      "satisfaction_1",
    ]);
  });

  it("adds a section and items, edits an item's fields, and reorders across sections", async () => {
    const id = await create({ source: "blank" });

    const added = await builderPost(id, "/sections");
    expect(added.status).toBe(303);
    expect(added.location).toBe(`${BASE}/${id}/edit#section-section_2`);
    const item = await builderPost(id, "/sections/section_2/items", { type: "single_choice" });
    expect(item.status).toBe(303);
    expect(item.location).toBe(`${BASE}/${id}/items/single_choice_1`);
    await builderPost(id, "/sections/section_2/items", { type: "satisfaction" });
    expect(itemKeys(await draftOf(id))).toEqual([
      "section_1: satisfaction_1",
      "section_2: single_choice_1 satisfaction_2",
    ]);

    // an item's department is chosen among the department records (its code is stored)
    await db()
      .insertInto("department")
      .values({ code: "客户服务中心", name_zh: "客户服务中心", name_en: "Customer Service Centre" })
      .execute();
    const unknown = await editItem(id, "single_choice_1", { key: "channel", department: "没有的部门" });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain("没有的部门 is not an active department: choose one from the list");
    const saved = await editItem(id, "single_choice_1", {
      key: "channel",
      "text.zh-CN": "您通过哪个渠道联系我们？",
      "text.en": "How did you contact us?",
      required: "",
      "indicator.0": "渠道",
      "indicator.1": "联系方式",
      department: "客户服务中心",
      "options.0.key": "phone",
      "options.0.label.zh-CN": "电话",
      "options.0.label.en": "Phone",
      "options.1.key": "",
      "options.1.label.zh-CN": "网点",
      "options.1.label.en": "Branch",
      "options.2.key": "app",
      "options.2.label.zh-CN": "手机应用",
      "options.2.label.en": "App",
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${BASE}/${id}/edit#item-channel`);
    const condition = await editItem(id, "satisfaction_2", {
      dimension: "responsiveness",
      "showIf.item": "channel",
      "showIf.mode": "in",
      "showIf.in.channel": "phone",
    });
    expect(condition.status).toBe(303);

    const definition = await draftOf(id);
    expect(definition.sections[1]?.items).toEqual([
      {
        key: "channel",
        type: "single_choice",
        text: { "zh-CN": "您通过哪个渠道联系我们？", en: "How did you contact us?" },
        required: false,
        indicator: ["渠道", "联系方式"],
        department: "客户服务中心",
        options: [
          { key: "phone", label: { "zh-CN": "电话", en: "Phone" } },
          { key: "option_1", label: { "zh-CN": "网点", en: "Branch" } },
          { key: "app", label: { "zh-CN": "手机应用", en: "App" } },
        ],
      },
      expect.objectContaining({
        key: "satisfaction_2",
        dimension: "responsiveness",
        showIf: { item: "channel", in: ["phone"] },
      }),
    ]);

    // The overview shows the item with its settings, in the page's language.
    const overview = await quality.get(`${BASE}/${id}/edit`);
    expect(overview.text).toContain("How did you contact us?");
    expect(overview.text).toContain("渠道 › 联系方式");
    expect(overview.text).toContain("channel is Phone");

    // up across the section boundary, then back down
    expect((await builderPost(id, "/items/channel/move", { direction: "up" })).status).toBe(303);
    expect(itemKeys(await draftOf(id))).toEqual([
      "section_1: satisfaction_1 channel",
      "section_2: satisfaction_2",
    ]);
    await builderPost(id, "/items/satisfaction_1/move", { direction: "down" });
    expect(itemKeys(await draftOf(id))).toEqual([
      "section_1: channel satisfaction_1",
      "section_2: satisfaction_2",
    ]);
    await builderPost(id, "/sections/section_2/move", { direction: "up" });
    // the condition now refers to a later item: refused, and the error is shown at that item
    const refused = await quality.post(`${BASE}/${id}/sections/section_2/move`, { direction: "up" });
    expect(itemKeys(await draftOf(id))).toEqual([
      "section_1: channel satisfaction_1",
      "section_2: satisfaction_2",
    ]);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("This change was not saved");
    expect(refused.text).toMatch(
      /<li class="item-row has-error" id="item-satisfaction_2">[\s\S]*?the condition must refer to an earlier item; &quot;channel&quot; is not one/,
    );
  });

  it("shows a validation error at the item's field and keeps what was typed", async () => {
    const id = await create({ source: "template", template: "post-service" });
    const before = await draftOf(id);
    const page = await editItem(id, "staff", {
      "text.zh-CN": "人员是否专业（已修改）",
      "text.en": "",
      max: "x",
      "indicator.0": "",
      "indicator.1": "二级",
    });
    expect(page.status).toBe(422);
    expect(page.text).toContain("Not saved.");
    expect(page.text).toMatch(
      /<textarea id="item-text-en" name="text.en"[^>]*aria-invalid="true"[^>]*><\/textarea>\s*<p class="field-error" id="item-text-en-error">English text is required<\/p>/,
    );
    expect(page.text).toContain(">人员是否专业（已修改）</textarea>");
    expect(page.text).toMatch(/id="item-indicator-0" name="indicator.0" value="" aria-invalid="true"/);
    expect(page.text).toContain('value="二级"');
    expect(await draftOf(id)).toEqual(before);
  });

  it("notices a save over someone else's newer change to the same item, and saves when repeated", async () => {
    const id = await create({ source: "template", template: "post-service" });
    const form = async (client: PageClient, changes: Record<string, string>) => {
      const page = await client.get(`${BASE}/${id}/items/staff`);
      const body = new URLSearchParams({ _csrf: client.csrfToken ?? "" });
      for (const [name, value] of formFields(page.text)) if (!(name in changes)) body.append(name, value);
      for (const [name, value] of Object.entries(changes)) body.append(name, value);
      return body.toString();
    };
    const post = (client: PageClient, body: string) =>
      client.request("POST", `${BASE}/${id}/items/staff`, body, "application/x-www-form-urlencoded");
    await admin.get(`${BASE}/${id}/edit`);

    const mine = await form(quality, { "text.en": "Mine" });
    expect(mine).toMatch(/_seen=[\w-]{16}/);
    expect((await post(admin, await form(admin, { "text.en": "Theirs" }))).status).toBe(303);
    const refused = await post(quality, mine);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("Someone else saved this question after you opened it.");
    expect(refused.text).toContain(">Mine</textarea>");
    expect(findItem(await draftOf(id), "staff")?.item.text.en).toBe("Theirs");

    const again = new URLSearchParams({ _csrf: quality.csrfToken ?? "" });
    for (const [name, value] of formFields(refused.text)) again.append(name, value);
    expect((await post(quality, again.toString())).status).toBe(303);
    expect(findItem(await draftOf(id), "staff")?.item.text.en).toBe("Mine");
  });

  it("asks before deleting when the browser did not (no JavaScript), and deletes once confirmed", async () => {
    const id = await create({ source: "template", template: "post-service" });
    const before = await draftOf(id);
    const asked = await builderPost(id, "/sections/service/delete");
    expect(asked.status).toBe(200);
    expect(heading(asked.text)).toMatch(/^Delete the section “.+” and its \d+ items\?$/);
    expect(asked.text).toContain('<input type="hidden" name="confirmed" value="1">');
    expect(asked.text).toContain(`href="${BASE}/${id}/edit"`);
    expect(await draftOf(id)).toEqual(before);
    const item = await builderPost(id, "/items/staff/delete");
    expect(heading(item.text)).toBe("Delete the item staff?");
    expect(await draftOf(id)).toEqual(before);
    expect((await builderPost(id, "/items/staff/delete", { confirmed: "1" })).status).toBe(303);
    expect(findItem(await draftOf(id), "staff")).toBeUndefined();
  });

  it("refuses a delete that would break a condition, naming the item", async () => {
    const id = await create({ source: "template", template: "post-service" });
    const refused = await builderPost(id, "/items/resolved/delete", { confirmed: "1" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<a href="#item-unresolved_detail">Item unresolved_detail</a>');
    expect(refused.text).toContain('<li class="item-row has-error" id="item-unresolved_detail">');
    expect((await draftOf(id)).sections[0]?.items.map((item) => item.key)).toContain("resolved");

    expect((await builderPost(id, "/items/unresolved_detail/delete", { confirmed: "1" })).status).toBe(303);
    expect((await builderPost(id, "/items/resolved/delete", { confirmed: "1" })).status).toBe(303);
    expect(itemKeys(await draftOf(id))).toEqual(["service: overall staff timeliness recommend"]);
    expect((await builderPost(id, "/items/nope/delete")).status).toBe(404);
  });

  it("edits the title and texts, sections and custom dimensions", async () => {
    const id = await create({ source: "template", template: "sancheng" });
    const settings = await builderPost(id, "/settings", {
      "title.zh-CN": "2027 年度满意度调查",
      "title.en": "2027 satisfaction survey",
      "intro.zh-CN": "",
      "intro.en": "",
      "thankYou.zh-CN": "谢谢",
      "thankYou.en": "Thanks",
    });
    expect(settings.status).toBe(303);
    let definition = await draftOf(id);
    expect(definition.title).toEqual({ "zh-CN": "2027 年度满意度调查", en: "2027 satisfaction survey" });
    expect(definition).not.toHaveProperty("intro");
    const name = await db()
      .selectFrom("questionnaire")
      .select("name")
      .where("id", "=", id)
      .executeTakeFirst();
    expect(name?.name).toBe("2027 年度满意度调查");

    const badTitle = await builderPost(id, "/settings", { "title.zh-CN": "", "title.en": "Kept" });
    expect(badTitle.status).toBe(422);
    expect(badTitle.text).toContain('id="settings-title-zh-CN-error">Chinese text is required');
    expect(badTitle.text).toContain('value="Kept"');

    const renamed = await builderPost(id, "/sections/sincerity", {
      key: "heart",
      "title.zh-CN": "诚心",
      "title.en": "Sincerity",
    });
    expect(renamed.location).toBe(`${BASE}/${id}/edit#section-heart`);
    const duplicate = await builderPost(id, "/sections/heart", {
      key: "integrity",
      "title.zh-CN": "重复",
      "title.en": "Duplicate",
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.text).toContain("the section key &quot;integrity&quot; is used twice");

    // renaming a dimension renames it in its items; removing one still in use is refused at the items
    const dimensions = await builderPost(id, "/dimensions", {
      "dimensions.0.originalKey": "诚心",
      "dimensions.0.key": "真心",
      "dimensions.0.label.zh-CN": "真心",
      "dimensions.0.label.en": "Heart",
      "dimensions.1.originalKey": "诚信",
      "dimensions.1.key": "诚信",
      "dimensions.1.label.zh-CN": "诚信",
      "dimensions.1.label.en": "Integrity",
      "dimensions.2.originalKey": "诚行",
      "dimensions.2.key": "诚行",
      "dimensions.2.label.zh-CN": "诚行",
      "dimensions.2.label.en": "Action",
      "dimensions.2.remove": "on",
    });
    expect(dimensions.status).toBe(422);
    expect(dimensions.text).toContain("Items still use these dimensions");
    expect(dimensions.text).toContain("unknown dimension &quot;诚行&quot;");
    const { "dimensions.2.remove": _removed, ...keep } = {
      "dimensions.0.originalKey": "诚心",
      "dimensions.0.key": "真心",
      "dimensions.0.label.zh-CN": "真心",
      "dimensions.0.label.en": "Heart",
      "dimensions.1.originalKey": "诚信",
      "dimensions.1.key": "诚信",
      "dimensions.1.label.zh-CN": "诚信",
      "dimensions.1.label.en": "Integrity",
      "dimensions.2.originalKey": "诚行",
      "dimensions.2.key": "诚行",
      "dimensions.2.label.zh-CN": "诚行",
      "dimensions.2.label.en": "Action",
      "dimensions.2.remove": "on",
    };
    expect((await builderPost(id, "/dimensions", keep)).status).toBe(303);
    definition = await draftOf(id);
    expect(definition.dimensions?.map((d) => d.key)).toEqual(["真心", "诚信", "诚行"]);
    expect(definition.sections[0]?.items.map((item) => item.dimension)).toEqual(["真心", "真心", "真心"]);

    expect((await builderPost(id, "/sections/overall/delete", { confirmed: "1" })).status).toBe(303);
    expect((await draftOf(id)).sections.map((section) => section.key)).toEqual([
      "heart",
      "integrity",
      "action",
    ]);
  });

  it("sets the satisfaction scale's labels and points, and restores the standard one", async () => {
    const id = await create({ source: "template", template: "sancheng" });
    const level = (i: number, key: string, points: string, zh: string, en: string) => ({
      [`levels.${i}.originalKey`]: key,
      [`levels.${i}.key`]: key,
      [`levels.${i}.points`]: points,
      [`levels.${i}.label.zh-CN`]: zh,
      [`levels.${i}.label.en`]: en,
    });
    const levels = {
      ...level(0, "very_satisfied", "100", "非常满意", "Very satisfied"),
      ...level(1, "satisfied", "80", "满意", "Satisfied"),
      ...level(2, "basically_satisfied", "60", "基本满意", "Basically satisfied"),
      ...level(3, "dissatisfied", "0", "不满意", "Dissatisfied"),
    };
    expect((await builderPost(id, "/scale", levels)).status).toBe(303);
    expect((await draftOf(id)).scale?.levels.map((l) => l.points)).toEqual([100, 80, 60, 0]);

    const notANumber = await builderPost(id, "/scale", {
      ...levels,
      "levels.1.remove": "on",
      "levels.3.points": "none",
    });
    expect(notANumber.status).toBe(422);
    // the error is at the form's fourth row although the second was removed
    expect(notANumber.text).toContain('id="scale-levels-3-points-error">enter a number');
    const removed = await builderPost(id, "/scale", {
      ...levels,
      "levels.2.remove": "on",
      "levels.3.remove": "on",
    });
    expect(removed.status).toBe(422);
    // promise_reason is shown when promise is one of the removed levels
    expect(removed.text).toContain("promise_reason: &quot;promise&quot; cannot be answered");
    expect((await draftOf(id)).scale?.levels).toHaveLength(4);

    expect((await builderPost(id, "/scale", { reset: "1" })).status).toBe(303);
    expect(await draftOf(id)).not.toHaveProperty("scale");
  });

  it("renders every item type's editor, and saving it unchanged changes nothing", async () => {
    const id = await create({ source: "blank" });
    for (const type of ["rating", "nps", "kano", "servqual", "importance", "multiple_choice", "text"]) {
      await builderPost(id, "/sections/section_1/items", { type });
    }
    const before = await draftOf(id);
    for (const item of before.sections[0]?.items ?? []) {
      const saved = await editItem(id, item.key, {});
      expect(saved.status, item.key).toBe(303);
    }
    expect(await draftOf(id)).toEqual(before);
  });
});

describe("versions, publishing and export", () => {
  it("publishes v1, edits into a v2 draft leaving v1 unchanged, and publishes v2", async () => {
    const id = await create({ source: "template", template: "post-service" });
    await quality.get(`${BASE}/${id}`);
    const published = await quality.post(`${BASE}/${id}/publish`, {});
    expect(published.status).toBe(303);
    const page = await quality.get(`${BASE}/${id}`);
    expect(page.text).toContain("Version 1 is published.");
    expect(page.text).toContain("Edit as v2");

    // Publishing again without a draft: 409 with a message.
    const again = await quality.post(`${BASE}/${id}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain("There is no draft to publish");

    // Looking at the builder or an item makes no version; neither does a change that is refused.
    const look = await quality.get(`${BASE}/${id}/edit`);
    expect(look.text).toContain("Your first change here creates draft v2.");
    expect((await quality.get(`${BASE}/${id}/items/overall`)).status).toBe(200);
    expect((await editItem(id, "overall", { "text.en": "" })).status).toBe(422);
    expect((await versions(id)).map((row) => row.version_number)).toEqual([1]);

    // The first saved change makes draft v2 as a copy of v1 with the change.
    await editItem(id, "overall", { "text.en": "Overall, how satisfied are you?" });
    const rows = await versions(id);
    expect(rows.map((row) => [row.version_number, row.status])).toEqual([
      [1, "published"],
      [2, "draft"],
    ]);
    expect(rows[0]?.definition).toEqual(template("post-service"));
    const v2 = rows[1]?.definition as QuestionnaireDefinition | undefined;
    expect(v2?.sections[0]?.items[0]?.text.en).toBe("Overall, how satisfied are you?");

    await quality.get(`${BASE}/${id}`);
    expect((await quality.post(`${BASE}/${id}/publish`, {})).status).toBe(303);
    const final = await versions(id);
    expect(final.map((row) => row.status)).toEqual(["published", "published"]);
    expect(final[1]?.published_at).toBeInstanceOf(Date);
    const history = await quality.get(`${BASE}/${id}`);
    expect(history.text).toMatch(/<strong>v2<\/strong>[\s\S]*<strong>v1<\/strong>/);
    expect(history.text.match(/Read-only/g)).toHaveLength(2);
  });

  it("exports a version's definition as a JSON download", async () => {
    const id = await create({ source: "template", template: "kano" });
    const response = await quality.get(`${BASE}/${id}/export.json?version=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="questionnaire-${id}-v1.json"`,
    );
    expect(JSON.parse(response.text)).toEqual(template("kano"));
    // an export imports again as it is
    const copy = await create({ source: "import", definitionJson: response.text });
    expect(await draftOf(copy)).toEqual(template("kano"));
    expect((await quality.get(`${BASE}/${id}/export.json?version=7`)).status).toBe(404);
    expect((await quality.get(`${BASE}/${id}/export.json?version=x`)).status).toBe(422);
    expect((await quality.get(`${BASE}/999999/export.json`)).status).toBe(404);
  });

  it("previews exactly as a respondent sees it, in both languages, page by page, storing nothing", async () => {
    const id = await create({ source: "template", template: "sancheng" });
    const responsesBefore = await db().selectFrom("response").select("id").execute();
    const zh = await quality.get(`${BASE}/${id}/preview?lang=zh-CN`);
    expect(zh.status).toBe(200);
    expect(heading(zh.text)).toBe("客户满意度年度调查（三诚）");
    expect(zh.text).toContain("预览");
    expect(zh.text).toContain('name="a.attitude" value="very_satisfied"');
    expect(zh.text).toContain(`href="${BASE}/${id}/preview?page&#x3D;1&amp;lang&#x3D;zh-CN"`);
    const en = await quality.get(`${BASE}/${id}/preview?page=3&lang=en`);
    expect(heading(en.text)).toBe("Annual customer satisfaction survey");
    expect(en.text).toContain("Preview");
    expect(en.text).toContain("How likely are you to recommend us");
    expect(en.text).toContain(`href="${BASE}/${id}/preview?page&#x3D;2&amp;lang&#x3D;en"`);
    const posted = await quality.post(`${BASE}/${id}/preview`, {
      page: "1",
      lang: "en",
      "a.attitude": "satisfied",
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${BASE}/${id}/preview?page=1&lang=en`);
    expect(await db().selectFrom("response").select("id").execute()).toEqual(responsesBefore);

    const version = await quality.get(`${BASE}/${id}/preview?version=1&lang=en`);
    expect(version.status).toBe(303);
    expect(version.location).toBe(`${BASE}/${id}/versions/1/preview?lang=en`);
    expect((await quality.get(`${BASE}/${id}/versions/9/preview`)).status).toBe(404);
  });
});

describe("access", () => {
  it("answers 403 to a manager on every questionnaire page and action", async () => {
    const manager = new PageClient(app.baseUrl, { "accept-language": "en" });
    await manager.logIn("manager", "manyi-manager-demo");
    await manager.get("/admin");
    const { id } = await db()
      .selectFrom("questionnaire")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    for (const path of [
      BASE,
      `${BASE}/new`,
      `${BASE}/${id}`,
      `${BASE}/${id}/edit`,
      `${BASE}/${id}/items/attitude`,
      `${BASE}/${id}/preview`,
      `${BASE}/${id}/export.json`,
    ]) {
      expect((await manager.get(path)).status, path).toBe(403);
    }
    const before = await versions(id);
    for (const path of [
      BASE,
      `${BASE}/${id}/publish`,
      `${BASE}/${id}/settings`,
      `${BASE}/${id}/sections`,
      `${BASE}/${id}/items/attitude/delete`,
    ]) {
      expect((await manager.post(path, { source: "blank" })).status, path).toBe(403);
    }
    expect(await versions(id)).toEqual(before);
  });

  it("lets an administrator in", async () => {
    expect((await admin.get(BASE)).status).toBe(200);
  });
});

describe("/api/v1/questionnaires", () => {
  const createToken = (name: string, username: string) => createApiTokenThroughAdmin(app, username, name);
  const api = (path: string, token: string, method = "GET", body?: unknown) =>
    fetch(`${app.baseUrl}/api/v1/questionnaires${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  type Envelope = {
    error: { code: string; message: string; details?: { issues: Record<string, string>[] } };
  };

  it("creates, lists, gets, replaces the draft and publishes", async () => {
    const token = await createToken("builder script", "quality");
    const created = await api("", token, "POST", { definition: template("post-service") });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: number; draftVersion: number } };
    expect(data.draftVersion).toBe(1);
    expect(created.headers.get("location")).toBe(`/api/v1/questionnaires/${data.id}`);

    const list = await api("?pageSize=2", token);
    const page = (await list.json()) as {
      data: { id: number }[];
      page: number;
      pageSize: number;
      total: number;
    };
    expect(page).toMatchObject({ page: 1, pageSize: 2, total: await questionnaireCount() });
    expect(page.data).toHaveLength(2);

    const changed = template("post-service");
    changed.title.en = "Changed through the API";
    const put = await api(`/${data.id}/draft`, token, "PUT", { definition: changed });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { data: { versionNumber: number } }).data.versionNumber).toBe(1);

    const published = await api(`/${data.id}/publish`, token, "POST");
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ data: { versionNumber: 1, status: "published" } });
    const noDraft = await api(`/${data.id}/publish`, token, "POST");
    expect(noDraft.status).toBe(409);
    expect(((await noDraft.json()) as Envelope).error.code).toBe("conflict");

    // Replacing the draft of a published questionnaire makes v2; v1 stays as published.
    changed.title.en = "Version two";
    expect((await api(`/${data.id}/draft`, token, "PUT", { definition: changed })).status).toBe(200);
    const got = await api(`/${data.id}`, token);
    const detail = (await got.json()) as {
      data: {
        draftVersion: number;
        publishedVersion: number;
        versions: { versionNumber: number; status: string; definition: QuestionnaireDefinition }[];
      };
    };
    expect(detail.data).toMatchObject({ draftVersion: 2, publishedVersion: 1 });
    expect(detail.data.versions.map((v) => [v.versionNumber, v.status, v.definition.title.en])).toEqual([
      [2, "draft", "Version two"],
      [1, "published", "Changed through the API"],
    ]);
  });

  it("answers bad input with the error envelope and stores nothing", async () => {
    const token = await createToken("careless script", "quality");
    const before = await questionnaireCount();
    const invalid = template("post-service");
    const first = invalid.sections[0]?.items[0];
    if (!first) throw new Error("template changed");
    first.text["zh-CN"] = "";
    const refused = await api("", token, "POST", { definition: invalid });
    expect(refused.status).toBe(422);
    const envelope = (await refused.json()) as Envelope;
    expect(envelope.error.code).toBe("validation_failed");
    expect(envelope.error.details?.issues).toEqual([
      {
        field: "definition.sections.0.items.0.text.zh-CN",
        message: "Chinese text is required",
        itemKey: "overall",
      },
    ]);

    const missing = await api("", token, "POST", { title: "no definition wrapper" });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as Envelope).error.details?.issues[0]?.field).toBe("definition");
    expect((await api("", token, "POST", "{oops")).status).toBe(400);
    expect((await api("", token, "POST", { definition: "not an object" })).status).toBe(422);
    expect(await questionnaireCount()).toBe(before);

    const { id } = await db()
      .selectFrom("questionnaire")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const draftBefore = await versions(id);
    expect((await api(`/${id}/draft`, token, "PUT", { definition: invalid })).status).toBe(422);
    expect(await versions(id)).toEqual(draftBefore);
    expect((await api("/999999", token)).status).toBe(404);
    expect((await api("/abc", token)).status).toBe(404);
    expect((await api("/999999/draft", token, "PUT", { definition: template("kano") })).status).toBe(404);
    expect((await api("/999999/publish", token, "POST")).status).toBe(404);
    expect((await api("?pageSize=100000", token)).status).toBe(422);
  });

  it("answers 403 to a manager's token on every endpoint", async () => {
    const token = await createToken("manager script", "manager");
    const { id } = await db()
      .selectFrom("questionnaire")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    for (const [method, path, body] of [
      ["GET", "", undefined],
      ["POST", "", { definition: template("kano") }],
      ["GET", `/${id}`, undefined],
      ["PUT", `/${id}/draft`, { definition: template("kano") }],
      ["POST", `/${id}/publish`, undefined],
    ] as const) {
      const response = await api(path, token, method, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as Envelope).error.code).toBe("forbidden");
    }
  });
});

describe("publishing a draft with a new item's placeholder text", () => {
  it("the console refuses until the listed items are confirmed; the API until force", async () => {
    const id = await create({ source: "blank" });
    expect((await builderPost(id, "/sections/section_1/items", { type: "single_choice" })).status).toBe(303);

    // The page lists the item; a post that did not confirm it (a page from before it was added) is refused.
    const page = await quality.get(`${BASE}/${id}`);
    expect(page.text).toContain("Placeholder text left in 1 item(s)");
    expect(page.text).toContain('name="placeholders" value="single_choice_1"');
    const unconfirmed = await quality.post(`${BASE}/${id}/publish`, {});
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.text).toContain("placeholder text that was not confirmed");
    expect((await versions(id)).map((row) => row.status)).toEqual(["draft"]);
    await quality.get(`${BASE}/${id}`);
    const other = await quality.post(`${BASE}/${id}/publish`, { placeholders: "satisfaction_1" });
    expect(other.status).toBe(409);
    await quality.get(`${BASE}/${id}`);
    expect((await quality.post(`${BASE}/${id}/publish`, { placeholders: "single_choice_1" })).status).toBe(
      303,
    );
    expect((await versions(id)).map((row) => row.status)).toEqual(["published"]);

    // The API: 409 naming the items, then published with force.
    const token = await createApiTokenThroughAdmin(app, "quality", "placeholders");
    const call = (path: string, body: unknown) =>
      fetch(`${app.baseUrl}/api/v1/questionnaires${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const definition = (await versions(id))[0]?.definition as QuestionnaireDefinition;
    const created = await call("", { definition });
    expect(created.status).toBe(201);
    const apiId = ((await created.json()) as { data: { id: number } }).data.id;
    const refused = await call(`/${apiId}/publish`, {});
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain("item 2 (single_choice_1)");
    expect(body.error.details).toEqual({
      placeholders: [{ itemKey: "single_choice_1", number: "2", parts: ["text", "options"] }],
    });
    expect((await call(`/${apiId}/publish`, { force: "yes" })).status).toBe(422);
    expect((await call(`/${apiId}/publish`, { force: true })).status).toBe(200);
  });
});
