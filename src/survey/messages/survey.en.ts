/** English strings of the respondent pages and the responses console. zh-CN in survey.zh-CN.ts. */
export const surveyEn = {
  "nav.responses": "Responses",
} as const;
