/** English strings of the questionnaire builder (staff console). zh-CN in builder.zh-CN.ts. */
export const builderEn = {
  "nav.questionnaires": "Questionnaires",
} as const;
