import type { builderEn } from "./builder.en.ts";

export const builderZhCN: Record<keyof typeof builderEn, string> = {
  "nav.questionnaires": "问卷",
};
