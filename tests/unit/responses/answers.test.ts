import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, test } from "vitest";
import { render } from "../../../src/i18n/i18n.ts";
import { csvLine } from "../../../src/lib/csv.ts";
import {
  parseDefinition,
  type QuestionnaireDefinition,
} from "../../../src/questionnaires/questionnaire-definition.ts";
import { answerRows, checkAnswers, scoreAnswers } from "../../../src/responses/answers.ts";
import {
  buildRespondentPage,
  formToRawAnswers,
  issueMessage,
  resumePage,
} from "../../../src/responses/respondent-view.ts";
import { describeAnswers } from "../../../src/responses/response-view.ts";

const template = (name: string): QuestionnaireDefinition => {
  const parsed = parseDefinition(
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, `../../../seeds/templates/${name}.json`), "utf8"),
    ),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
};

const minimal = (items: unknown[]) => ({
  title: { "zh-CN": "测试", en: "Test" },
  sections: [{ key: "s1", title: { "zh-CN": "一", en: "One" }, items }],
});
const text = (zh: string) => ({ "zh-CN": zh, en: zh });

describe("parseDefinition", () => {
  test.each(["sancheng", "servqual", "kano", "post-service"])("the %s template is valid", (name) => {
    expect(() => template(name)).not.toThrow();
  });

  it.each([
    [
      "a duplicate item key",
      [
        { key: "a", type: "nps", text: text("x") },
        { key: "a", type: "nps", text: text("y") },
      ],
      "sections.0.items.1.key",
      "used twice",
    ],
    [
      "an unknown type",
      [{ key: "a", type: "slider", text: text("x") }],
      "sections.0.items.0.type",
      "type must be one of",
    ],
    ["a bad key", [{ key: "A b", type: "nps", text: text("x") }], "sections.0.items.0.key", "lower-case"],
    [
      "an unknown dimension",
      [{ key: "a", type: "satisfaction", text: text("x"), dimension: "诚心" }],
      "sections.0.items.0.dimension",
      "unknown dimension",
    ],
    [
      "a condition on a later item",
      [
        { key: "a", type: "nps", text: text("x"), showIf: { item: "b", answered: true } },
        { key: "b", type: "nps", text: text("y") },
      ],
      "sections.0.items.0.showIf.item",
      "earlier item",
    ],
    [
      "a condition on an impossible answer",
      [
        { key: "a", type: "satisfaction", text: text("x") },
        { key: "b", type: "text", text: text("y"), showIf: { item: "a", in: ["great"] } },
      ],
      "sections.0.items.1.showIf.in",
      "cannot be answered",
    ],
    [
      "missing English",
      [{ key: "a", type: "nps", text: { "zh-CN": "x", en: "" } }],
      "sections.0.items.0.text.en",
      "English text is required",
    ],
    [
      "too few options",
      [{ key: "a", type: "single_choice", text: text("x"), options: [{ key: "o", label: text("o") }] }],
      "sections.0.items.0.options",
      "at least 2 options",
    ],
  ])("rejects %s, naming where", (_label, items, where, message) => {
    const result = parseDefinition(minimal(items));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.issues.find((i) => i.path === where);
    expect(issue && render("en", issue.message)).toContain(message);
  });

  it("names the item of an issue so the builder can point at it", () => {
    const result = parseDefinition(minimal([{ key: "speed", type: "rating", text: text("x"), max: 40 }]));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toMatchObject({ itemKey: "speed", path: "sections.0.items.0.max" });
  });
});

describe("checkAnswers", () => {
  const sancheng = template("sancheng");
  const full = {
    attitude: "very_satisfied",
    listening: "satisfied",
    care: "satisfied",
    promise: "satisfied",
    transparency: "satisfied",
    accuracy: "very_satisfied",
    speed: "satisfied",
    resolution: "dissatisfied",
    channels: "satisfied",
    recommend: "8",
  };

  it("accepts a complete set, converting numbers from form text", () => {
    const { answers, issues } = checkAnswers(sancheng, full, { complete: true });
    expect(issues).toEqual([]);
    expect(answers.recommend).toBe(8);
  });

  it("requires every visible required item at submit, and nothing when saving a draft", () => {
    const { issues } = checkAnswers(sancheng, { attitude: "satisfied" }, { complete: true });
    expect(issues.map((i) => i.itemKey)).toEqual([
      "listening",
      "care",
      "promise",
      "transparency",
      "accuracy",
      "speed",
      "resolution",
      "channels",
      "recommend",
    ]);
    expect(checkAnswers(sancheng, { attitude: "satisfied" }, { complete: false }).issues).toEqual([]);
  });

  it("drops the answer to a hidden follow-up and never requires it", () => {
    const kept = checkAnswers(
      sancheng,
      { ...full, promise: "dissatisfied", promise_reason: "late" },
      { complete: true },
    );
    expect(kept.answers.promise_reason).toBe("late");
    const dropped = checkAnswers(
      sancheng,
      { ...full, promise: "very_satisfied", promise_reason: "late" },
      { complete: true },
    );
    expect(dropped.answers).not.toHaveProperty("promise_reason");
    expect(dropped.issues).toEqual([]);
  });

  it.each([
    [{ recommend: "11" }, "recommend", "out_of_range"],
    [{ recommend: "7.5" }, "recommend", "not_whole_number"],
    [{ attitude: "great" }, "attitude", "invalid_choice"],
    [{ attitude: 100 }, "attitude", "invalid_choice"],
    [{ improve: "x".repeat(2001) }, "improve", "too_long"],
  ])("reports %j as %s %s", (bad, itemKey, code) => {
    const { issues, answers } = checkAnswers(sancheng, { ...full, ...bad }, { complete: true });
    expect(issues).toEqual([expect.objectContaining({ itemKey, code })]);
    expect(answers).not.toHaveProperty(itemKey);
  });

  it("reports unknown items when asked to (the API)", () => {
    const { issues } = checkAnswers(
      sancheng,
      { ...full, nonsense: 1 },
      { complete: true, rejectUnknown: true },
    );
    expect(issues).toEqual([expect.objectContaining({ itemKey: "nonsense", code: "unknown_item" })]);
  });

  it("checks importance points add up to 100, and Kano and SERVQUAL pairs", () => {
    const servqual = template("servqual");
    const importance = (points: Record<string, string>) =>
      checkAnswers(servqual, { importance: points }, { complete: false, itemKeys: ["importance"] });
    expect(
      importance({ reliability: "40", responsiveness: "20", assurance: "20", empathy: "10", tangibles: "10" })
        .issues,
    ).toEqual([]);
    expect(importance({ reliability: "40", responsiveness: "20" }).issues[0]).toMatchObject({
      code: "sum_100",
      params: { sum: 60 },
    });
    // a row that is not a whole number is named, and only that row is marked on the page
    const fractional = importance({
      reliability: "50",
      responsiveness: "30",
      assurance: "10",
      empathy: "7.5",
      tangibles: "2.5",
    });
    expect(fractional.issues[0]).toMatchObject({ code: "not_whole_number", params: { part: "empathy" } });
    const last = servqual.sections.length - 1;
    const page = buildRespondentPage(servqual, {
      locale: "en",
      pageIndex: last,
      answers: {},
      issues: fractional.issues,
      preview: false,
      baseHref: "/w/x",
    });
    const item = page.items.find((candidate) => candidate.key === "importance");
    expect(item?.error).toBe("Please give a whole number from 0 to 100 for “Empathy”.");
    const rows = (item as { rows?: { label: string; invalid?: boolean }[] } | undefined)?.rows ?? [];
    expect(rows.filter((row) => row.invalid).map((row) => row.label)).toEqual(["Empathy"]);
    expect(
      checkAnswers(
        servqual,
        { t1: { expectation: "7", perception: "8" } },
        { complete: false, itemKeys: ["t1"] },
      ).issues[0]?.code,
    ).toBe("out_of_range");
    const kano = template("kano");
    expect(
      checkAnswers(
        kano,
        { online_claims: { functional: "like", dysfunctional: "meh" } },
        { complete: false, itemKeys: ["online_claims"] },
      ).issues[0]?.code,
    ).toBe("invalid_choice");
    // one question of a pair unanswered: the respondent is told to answer both
    const half = checkAnswers(
      kano,
      { online_claims: { functional: "like" } },
      { complete: false, itemKeys: ["online_claims"] },
    ).issues[0];
    expect(half?.code).toBe("required");
    expect(half && issueMessage(half, "en")).toBe("Please answer both questions of this pair.");
    expect(half && issueMessage(half, "zh-CN")).toBe("请回答这一组中的两个问题。");
  });
});

describe("scores and answer rows", () => {
  const sancheng = template("sancheng");
  it("scores the mean of the answered satisfaction items (100/90/75/60), ignoring other types", () => {
    // 100 + 90 + 60 = 250 / 3
    expect(
      scoreAnswers(sancheng, {
        attitude: "very_satisfied",
        listening: "satisfied",
        resolution: "dissatisfied",
        recommend: 10,
      }),
    ).toBeCloseTo(250 / 3, 12);
    expect(scoreAnswers(sancheng, { recommend: 10 })).toBeNull();
  });

  it("writes one compact row per item, or per part", () => {
    const kano = template("kano");
    expect(answerRows(sancheng, { attitude: "basically_satisfied", recommend: 7, improve: "更快" })).toEqual([
      { itemKey: "attitude", part: "", number: 75, text: "basically_satisfied" },
      { itemKey: "recommend", part: "", number: 7, text: null },
      { itemKey: "improve", part: "", number: null, text: "更快" },
    ]);
    expect(answerRows(kano, { online_claims: { functional: "like", dysfunctional: "dislike" } })).toEqual([
      { itemKey: "online_claims", part: "functional", number: null, text: "like" },
      { itemKey: "online_claims", part: "dysfunctional", number: null, text: "dislike" },
    ]);
  });
});

describe("the respondent page", () => {
  const sancheng = template("sancheng");
  it("reads a posted form, including pairs and repeated fields", () => {
    const kano = template("kano");
    const items = kano.sections[0]?.items ?? [];
    const raw = formToRawAnswers(items, {
      "a.online_claims.functional": "like",
      "a.online_claims.dysfunctional": ["dislike"],
    });
    expect(raw.online_claims).toEqual({ functional: "like", dysfunctional: "dislike" });
  });

  it("resumes at the first page with a required question unanswered", () => {
    expect(resumePage(sancheng, {})).toBe(0);
    expect(resumePage(sancheng, { attitude: "satisfied", listening: "satisfied", care: "satisfied" })).toBe(
      1,
    );
  });

  it("shows progress and translated messages next to the item", () => {
    const page = buildRespondentPage(sancheng, {
      locale: "en",
      pageIndex: 2,
      answers: {},
      issues: [{ itemKey: "speed", code: "required" }],
      preview: false,
      baseHref: "/w/x",
    });
    expect(page.progress).toMatchObject({ current: 3, total: 4, label: "Page 3 of 4" });
    expect(page.items.find((item) => item.key === "speed")?.error).toBe("Please answer this question.");
    // the conditional follow-up on page 2 (promise_reason) is numbered after its question (6a): 7 follows 6
    expect(page.items.map((item) => item.number)).toEqual(["7", "8", "9"]);
  });

  it("numbers a conditional item after the question before it, so the numbers a respondent sees never skip", () => {
    const page = buildRespondentPage(sancheng, {
      locale: "en",
      pageIndex: 1,
      answers: { promise: "basically_satisfied" },
      issues: [],
      preview: false,
      baseHref: "/w/x",
    });
    const numbers = page.items.map((item) => [item.key, item.number]);
    const before = numbers[numbers.findIndex(([key]) => key === "promise_reason") - 1]?.[1];
    expect(numbers).toContainEqual(["promise_reason", `${before}a`]);
    const shown = page.items.flatMap((item) => (item.number?.match(/^\d+$/) ? [Number(item.number)] : []));
    expect(shown).toEqual(shown.map((_, i) => (shown[0] ?? 0) + i));
    // the response detail and the builder read the same numbers
    const described = describeAnswers(sancheng, {}, "en").flatMap((section) => section.items);
    for (const [key, number] of numbers)
      expect(described.find((item) => item.key === key)?.number).toBe(number);
  });
});

describe("csvLine", () => {
  it.each([
    [["a", 1, null, undefined], "a,1,,\r\n"],
    [['say "hi", ok'], '"say ""hi"", ok"\r\n'],
    [["line\nbreak"], '"line\nbreak"\r\n'],
    [["=HYPERLINK(1)"], "'=HYPERLINK(1)\r\n"],
    [["-5 apples"], "'-5 apples\r\n"],
    [[-5], "-5\r\n"],
    [["满意"], "满意\r\n"],
  ])("%j → %j", (cells, expected) => {
    expect(csvLine(cells)).toBe(expected);
  });
});
