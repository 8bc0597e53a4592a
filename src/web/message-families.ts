import { keyFamily } from "../i18n/key-family.ts";

/** The error pages: each has a title; all but "too many attempts" explain themselves in a body. */
export const ERROR_PAGES = ["403", "404", "413", "422", "429", "csrf", "500", "503"] as const;
export type ErrorPage = (typeof ERROR_PAGES)[number];
export const errorTitle = keyFamily("error.", ERROR_PAGES, ".title");
export const errorBody = keyFamily(
  "error.",
  ["403", "404", "413", "422", "csrf", "500", "503"] as const,
  ".body",
);

export const families = [errorTitle, errorBody];
