import type { surveyEn } from "./survey.en.ts";

export const surveyZhCN: Record<keyof typeof surveyEn, string> = {
  "nav.responses": "答卷",
};
