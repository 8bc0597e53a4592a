import { accountsEn } from "../accounts/messages.en.ts";
import { auditEn } from "../audit/messages.en.ts";
import { casesEn } from "../cases/messages.en.ts";
import { consoleEn } from "../console/messages.en.ts";
import { customerEn } from "../customers/messages.en.ts";
import { departmentsEn } from "../departments/messages.en.ts";
import { distributionEn } from "../distribution/messages.en.ts";
import { builderEn } from "../questionnaires/builder/messages.en.ts";
import { reportsEn } from "../reports/messages.en.ts";
import { surveyEn } from "../responses/messages.en.ts";

/**
 * English messages of the shell: the product, the language switch, words every page shares, error pages
 * and the general field problems (`validation.*`). zh-CN.ts must define every key here.
 */
export const coreEn = {
  "app.name": "manyi",
  "app.tagline": "Customer satisfaction, measured and acted on",
  "lang.switch": "中文",
  "common.save": "Save",
  "common.cancel": "Cancel",
  "common.create": "Create",
  "common.optional": "optional",
  "common.previous": "Previous",
  "common.next": "Next",
  "common.pageOf": "Page {page} of {pages}",
  "common.total": "{count} in total",
  "common.fixErrors": "Please correct the fields marked below.",
  "error.403.title": "No access",
  "error.403.body": "Your role does not give you access to this page. If you need it, ask an administrator.",
  "error.csrf.title": "This form has expired",
  "error.csrf.body":
    "For your security the form could not be accepted. Go back, reload the page and try again.",
  "error.404.title": "Page not found",
  "error.404.body": "There is no page at this address. Check the link, or go back to the home page.",
  "error.413.title": "Too much data",
  "error.413.body": "The request was larger than manyi accepts.",
  "error.429.title": "Too many attempts",
  "error.422.title": "The input was not accepted",
  "error.422.body":
    "What you sent has a problem, so nothing was saved. Please go back, check it and try again.",
  "error.500.title": "Something went wrong",
  "error.503.title": "Temporarily unavailable",
  "error.503.body":
    "The database cannot be reached at the moment, so your request was not carried out. Please try again in a few seconds.",
  "error.500.body": "An unexpected error occurred and has been logged. Please try again in a moment.",
  "error.backHome": "Go to the home page",
  "error.backToSurvey": "Back to the survey",
  "error.requestId": "Reference: {id}",
  "validation.required": "required",
  "validation.invalid": "is not valid",
  "validation.number": "enter a number",
  "validation.wholeNumber": "enter a whole number",
  "validation.tooShort": "at least {minimum} characters",
  "validation.tooLong": "at most {maximum} characters",
  "validation.tooSmall": "at least {minimum}",
  "validation.tooBig": "at most {maximum}",
  "validation.chooseOne": "choose at least one",
  "validation.tooFew": "{minimum, plural, one {at least # item} other {at least # items}}",
  "validation.tooMany": "{maximum, plural, one {at most # item} other {at most # items}}",
  "validation.email": "not an email address",
  "validation.choose": "choose one of the options",
  "validation.notAccepted": "is not an accepted field",
  "validation.date": "a date such as 2026-10-31",
  "conflict.duplicate":
    "This already exists{field, select, other { ({field} is taken)} none {}}: it was probably just created by another request. Reload and check.",
  "validation.unstorableText":
    "contains a character that cannot be stored (NUL or a broken Unicode character)",
  "validation.chooseQuestionnaire": "choose a questionnaire",
  "validation.chooseCustomer": "choose a customer",
} as const;

/** Every English UI string: the shell's and each module's (modules keep theirs beside their code). */
export const en = {
  ...coreEn,
  ...accountsEn,
  ...auditEn,
  ...casesEn,
  ...consoleEn,
  ...departmentsEn,
  ...surveyEn,
  ...builderEn,
  ...distributionEn,
  ...customerEn,
  ...reportsEn,
};
export type MessageKey = keyof typeof en;
