import { describe, expect, it } from "vitest";
import { z } from "zod";
import { render } from "../../../src/i18n/i18n.ts";
import { messageOfIssue, zodMessageKey } from "../../../src/i18n/zod-messages.ts";

const schema = z
  .object({
    name: z.string().trim().min(1).max(5),
    email: z.email(),
    count: z.coerce.number().int().min(2),
    tags: z.array(z.string()).min(3),
    colour: z.enum(["red", "blue"]),
    slug: z.string().regex(/^[a-z]+$/, "waves.error.slug"),
    from: z.string(),
    to: z.string(),
  })
  .superRefine((value, context) => {
    if (value.to < value.from)
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: "report.error.filterTooBroad",
        params: { limit: 200000 },
      });
  });

function problems(input: unknown) {
  const result = schema.safeParse(input, { error: zodMessageKey });
  if (result.success) throw new Error("expected problems");
  return Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join("."), messageOfIssue(issue)]),
  );
}

describe("zod problems as catalogue messages", () => {
  const found = problems({
    name: "toolong",
    email: "x",
    count: "1.5",
    tags: ["a"],
    colour: "green",
    slug: "A",
    from: "a",
    to: "b",
  });
  // a refinement runs once the fields themselves are right
  const refined = problems({
    name: "ok",
    email: "li@example.com",
    count: "2",
    tags: ["a", "b", "c"],
    colour: "red",
    slug: "ok",
    from: "b",
    to: "a",
  });

  it.each([
    ["name", "at most 5 characters", "最多 5 个字符"],
    ["email", "not an email address", "不是有效的电子邮件地址"],
    ["count", "enter a whole number", "请输入整数"],
    ["tags", "at least 3 items", "至少 3 项"],
    ["colour", "choose one of the options", "请从选项中选择"],
    ["slug", "3–80 lower-case letters, digits and dashes", "3–80 个小写字母、数字或短横线"],
    [
      "to",
      "the filter matches more than 200,000 responses over the trend's periods: narrow it or choose a shorter period",
      "该筛选在趋势期间内匹配超过 200,000 份答卷，请缩小筛选范围或选择更短的期间",
    ],
  ])("%s reads “%s” in English and “%s” in Chinese, from one issue", (field, english, chinese) => {
    const message = found[field] ?? refined[field];
    if (!message) throw new Error(`no problem for ${field}`);
    expect(render("en", message)).toBe(english);
    expect(render("zh-CN", message)).toBe(chinese);
  });

  it("calls a missing value required, and a number that is not one a number to enter", () => {
    const missing = problems({});
    expect(missing.name).toEqual({ key: "validation.required" });
    expect(missing.email).toEqual({ key: "validation.required" });
    // a coerced number never sees "missing": the form's text became NaN
    expect(missing.count).toEqual({ key: "validation.number" });
  });

  it("shows a message zod worded itself (a parse without the map) as “not valid”, never in English", () => {
    const result = z.object({ n: z.number() }).safeParse({ n: "x" });
    if (result.success) throw new Error("expected a problem");
    expect(messageOfIssue(result.error.issues[0] as z.core.$ZodIssue)).toEqual({ key: "validation.invalid" });
  });
});
