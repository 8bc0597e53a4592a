import { everyOf, keyFamily } from "../i18n/key-family.ts";
import type { AnswerIssue } from "./answers.ts";
import type { ResponseTable } from "./response.table.ts";

/** The pages a respondent may see instead of the questionnaire. */
export const SURVEY_NOTICES = everyOf<"thanks" | "already" | "closed" | "notYet" | "unknown">({
  thanks: true,
  already: true,
  closed: true,
  notYet: true,
  unknown: true,
});
export type SurveyNotice = (typeof SURVEY_NOTICES)[number];

export const noticeTitle = keyFamily("survey.", SURVEY_NOTICES, ".title");
export const noticeBody = keyFamily("survey.", SURVEY_NOTICES, ".body");

/** How a response was given (web, e-mail, phone, visit, letter). */
export const modeKey = keyFamily(
  "mode.",
  everyOf<ResponseTable["mode"]>({ web: true, email: true, phone: true, visit: true, letter: true }),
);

/** The two questions of a Kano pair and of a SERVQUAL pair, as the answer rows name their parts. */
export const KANO_PARTS = ["functional", "dysfunctional"] as const;
export const SERVQUAL_PARTS = ["expectation", "perception"] as const;
export const kanoPartKey = keyFamily("responses.export.kano.", KANO_PARTS);
export const servqualPartKey = keyFamily("responses.export.servqual.", SERVQUAL_PARTS);

/** Messages named by a response's mode, an answer problem or a notice. */
export const families = [
  modeKey,
  keyFamily(
    "survey.error.",
    everyOf<AnswerIssue["code"]>({
      required: true,
      invalid_choice: true,
      out_of_range: true,
      not_whole_number: true,
      too_long: true,
      too_many: true,
      sum_100: true,
      unknown_item: true,
    }),
  ),
  noticeTitle,
  noticeBody,
  kanoPartKey,
  servqualPartKey,
];
