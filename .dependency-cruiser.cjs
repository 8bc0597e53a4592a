/**
 * The house's import direction (DESIGN.md, "Layers point inward"), checked by `npm run lint`.
 * Feature modules point one way: cases → responses → distribution → customers, questionnaires; reports read
 * the modules below them (DESIGN.md) and nothing below imports reports; at the top, console (the home
 * pages) and metrics (GET /metrics: figures of several modules) read any of them, and neither the other.
 * Everything may use the base: scoring,
 * i18n, lib, db, errors, config, web helpers, accounts, audit, mail, jobs. Only src/app.ts mounts routers.
 */
const FEATURES = "departments|questionnaires|customers|distribution|responses|cases|reports|console|metrics";
const feature = (names) => `^src/(${names})/`;

/** A feature module and the feature modules it must not import. */
const direction = [
  // departments (the records items, cases and reports name by code) sit below every feature that reads them
  ["departments", "questionnaires|customers|distribution|responses|cases|reports|console|metrics"],
  ["questionnaires", "customers|distribution|responses|cases|reports|console|metrics"],
  ["customers", "questionnaires|distribution|responses|cases|reports|console|metrics"],
  ["distribution", "responses|cases|reports|console|metrics"],
  ["responses", "cases|reports|console|metrics"],
  ["cases", "reports|console|metrics"],
  ["reports", "console|metrics"],
  ["console", "metrics"],
  ["metrics", "console"],
];

module.exports = {
  forbidden: [
    ...direction.map(([from, to]) => ({
      name: `${from}-imports-downward-only`,
      comment: `${from} must not import ${to.split("|").join(", ")}: feature modules point one way (responses → distribution → customers, questionnaires; reports above them; console and metrics at the top).`,
      severity: "error",
      from: { path: feature(from) },
      to: { path: feature(to) },
    })),
    {
      name: "base-imports-no-feature",
      comment:
        "The base (web helpers, accounts, audit, i18n, lib, db, mail, jobs, errors, config) imports no feature module; only src/db/database.ts gathers the modules' *.table.ts types and src/i18n the modules' message catalogues. Backup copies every table's rows without knowing what they mean, so it imports no feature module either.",
      severity: "error",
      from: {
        path: "^src/(web|accounts|audit|i18n|lib|db|mail|jobs|scoring|analyze|backup)/|^src/(errors|config|logger)\\.ts$",
      },
      to: {
        path: feature(FEATURES),
        pathNot: ["\\.table\\.ts$", "/messages\\.(en|zh-CN)\\.ts$"],
      },
    },
    {
      name: "scoring-is-pure",
      comment:
        "src/scoring is a pure library: it imports nothing of the app (but the Bilingual type) and no express, kysely, pg, nodemailer or node built-ins.",
      severity: "error",
      from: { path: "^src/scoring/" },
      to: {
        pathNot: ["^src/scoring/", "^src/i18n/bilingual\\.ts$", "node_modules/(simple-statistics|jstat)/"],
      },
    },
    {
      name: "repositories-import-no-web",
      comment: "A repository (or table type) persists: it imports neither src/web nor express.",
      severity: "error",
      from: { path: "\\.(repository|table)\\.ts$" },
      to: { path: ["^src/web/", "node_modules/express/"] },
    },
    {
      name: "only-app-mounts-routers",
      comment:
        "Only src/app.ts imports routers (*.routes.ts, *.api.ts); share a helper through a plain module instead.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/app\\.ts$" },
      to: { path: "\\.(routes|api)\\.ts$" },
    },
    {
      name: "no-circular",
      comment:
        "No import cycles between files (a cycle through type-only imports is harmless at run time and allowed: report sections and the model that lists them name each other's types).",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
