import type { Locale } from "../../i18n/bilingual.ts";
import type { DefinitionIssue } from "../questionnaire-definition.ts";

/**
 * Definition issues (from `parseDefinition`, in English) as the builder shows them: in the page's
 * language, next to the form field they concern. Pure: no I/O.
 */

type Rule = [pattern: RegExp, en: string | null, zh: string];

/**
 * Known messages. `en: null` keeps the English message as written; `$1`… are the pattern's groups.
 * zod's own generic messages get plainer wording for a form.
 */
const RULES: Rule[] = [
  [/^Chinese text is required$/, null, "请填写中文"],
  [/^English text is required$/, null, "请填写英文"],
  [/^at most (\d+) characters$/, null, "最多 $1 个字符"],
  [
    /^a key is 1–40 lower-case letters, digits or _, starting with a letter$/,
    null,
    "标识为 1–40 个小写英文字母、数字或下划线，以字母开头",
  ],
  [/^a scale needs at least 2 levels$/, null, "量表至少需要 2 个等级"],
  [/^a scale has at most 10 levels$/, null, "量表最多 10 个等级"],
  [
    /^a condition has either `in` \(a list of answers\) or `answered: true`$/,
    null,
    "显示条件要么列出答案，要么是“已作答”",
  ],
  [/^at least 2 dimensions$/, null, "至少选择 2 个维度"],
  [/^at least 2 options$/, null, "至少需要 2 个选项"],
  [/^at least (\d+)$/, null, "至少为 $1"],
  [/^at most (\d+)$/, null, "最多为 $1"],
  [/^at most 3 indicator levels$/, null, "指标最多三级"],
  [/^type must be one of (.+)$/, null, "题型必须是以下之一：$1"],
  [/^a questionnaire needs at least one section$/, null, "问卷至少需要一个部分"],
  [/^a questionnaire needs at least one item$/, null, "问卷至少需要一道题目"],
  [/^the section key "(.+)" is used twice$/, null, "部分标识“$1”重复使用"],
  [/^the item key "(.+)" is used twice$/, null, "题目标识“$1”重复使用"],
  [
    /^unknown dimension "(.+)"; declare it under dimensions or use a RATER one$/,
    null,
    "未知维度“$1”：请先在“自定义维度”中添加，或选用 RATER 维度",
  ],
  [/^unknown dimension "(.+)"$/, null, "未知维度“$1”"],
  [/^cannot be more than the number of options$/, null, "不能超过选项数"],
  [/^option keys must be unique$/, null, "选项标识不能重复"],
  [
    /^the condition must refer to an earlier item; "(.+)" is not one$/,
    null,
    "显示条件只能引用前面的题目；“$1”不在本题之前",
  ],
  [/^"(.+)" cannot be answered (.+)$/, null, "题目“$1”没有这些答案：$2"],
  [/^the file is not valid JSON: (.+)$/, null, "文件不是有效的 JSON：$1"],
  [/^paste the JSON or choose a file$/, null, "请粘贴 JSON 或选择文件"],
  [/^the file is too large$/, null, "文件太大"],
  [/^choose a template$/, null, "请选择模板"],
  [/^choose how to start$/, null, "请选择创建方式"],
  [/^choose a type$/, null, "请选择题型"],
  [/^Too small: expected string to have >=1 characters?$/, "required", "必填"],
  [/^Too small: expected array to have >=1 items?$/, "choose at least one", "请至少选择一项"],
  [/^Invalid input: expected number, received NaN$/, "enter a whole number", "请输入整数"],
  [/^Invalid input: expected number, received undefined$/, "required", "必填"],
  [/^Invalid input: expected (\w+), received undefined$/, "required", "必填"],
  [/^Too big: expected number to be <=(-?\d+)$/, "at most $1", "不能大于 $1"],
  [/^Too small: expected number to be >=(-?\d+)$/, "at least $1", "不能小于 $1"],
  [/^Too big: expected array to have <=(\d+) items?$/, "at most $1", "最多 $1 项"],
  [/^Too small: expected array to have >=(\d+) items?$/, "at least $1", "至少 $1 项"],
  [/^Invalid input: expected (\w+), received (\w+)$/, null, "类型错误：应为 $1，实为 $2"],
];

/** Messages that read better for one particular field, by the field's name. */
const FIELD_RULES: Record<string, Rule[]> = {
  "showIf.in": [[/^Too small: expected array/, "tick at least one answer", "请至少勾选一个答案"]],
  dimensions: [[/^at least 2 dimensions$/, "tick at least 2 dimensions", "请至少勾选 2 个维度"]],
  points: [[/^Invalid input: expected number, received NaN$/, "enter a number", "请输入数字"]],
  ...Object.fromEntries(
    ["indicator.0", "indicator.1"].map((field): [string, Rule[]] => [
      field,
      [
        [
          /^Too small: expected string/,
          "fill in this level, or clear the levels after it",
          "请填写这一级，或清空后面的级别",
        ],
      ],
    ]),
  ),
};

/**
 * An issue message in `locale`; unknown messages are shown as written.
 * @example localizeMessage('unknown dimension "诚意"', "zh-CN") // => "未知维度“诚意”"
 */
export function localizeMessage(message: string, locale: Locale, field?: string): string {
  const last = field?.split(".").at(-1);
  const rules = [
    ...(field ? (FIELD_RULES[field] ?? []) : []),
    ...(last && last !== field ? (FIELD_RULES[last] ?? []) : []),
    ...RULES,
  ];
  for (const [pattern, en, zh] of rules) {
    const match = pattern.exec(message);
    if (!match) continue;
    const template = locale === "zh-CN" ? zh : en;
    if (template === null) return message;
    return template.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? "");
  }
  return message;
}

/**
 * The issues below `prefix` (e.g. `sections.0.items.3`), keyed by the rest of their path (`text.en`)
 * with the first message for each, localized. An issue at `prefix` itself is keyed "".
 */
export function issuesBelow(
  issues: DefinitionIssue[],
  prefix: string,
  locale: Locale,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    let rest: string;
    if (prefix === "") rest = issue.path;
    else if (issue.path === prefix) rest = "";
    else if (issue.path.startsWith(`${prefix}.`)) rest = issue.path.slice(prefix.length + 1);
    else continue;
    found[rest] ??= localizeMessage(issue.message, locale, rest);
  }
  return found;
}

/** Where an issue is, for a list of problems: the item's key when it has one, else its path. */
export interface LocatedIssue {
  itemKey: string | undefined;
  path: string;
  message: string;
}

export function locateIssues(issues: DefinitionIssue[], locale: Locale): LocatedIssue[] {
  return issues.map((issue) => ({
    itemKey: issue.itemKey,
    path: issue.path,
    message: localizeMessage(issue.message, locale, lastSegment(issue.path)),
  }));
}

function lastSegment(path: string): string {
  return path.replace(/^sections\.\d+\.items\.\d+\./, "");
}
