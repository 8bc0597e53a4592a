import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { cruise, type IReporterOutput } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

// The rules `npm run lint` applies (.dependency-cruiser.cjs), run over small trees made here, so a rule
// that stops catching what it is for fails this test rather than silently letting the house decay.
const rules = createRequire(import.meta.url)("../../../.dependency-cruiser.cjs");
const root = mkdtempSync(path.join(os.tmpdir(), "import-rules-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let tree = 0;
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = path.join(root, String(tree++));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const { output } = (await cruise(["src"], {
    baseDir: dir,
    validate: true,
    ruleSet: { forbidden: rules.forbidden },
    tsPreCompilationDeps: true,
  })) as IReporterOutput & { output: { summary: { violations: { rule: { name: string } }[] } } };
  return output.summary.violations.map((violation) => violation.rule.name).sort();
}

describe("the import rules of npm run lint", () => {
  it.each([
    [
      "distribution imports responses",
      "src/distribution/a.ts",
      "../responses/b.ts",
      "src/responses/b.ts",
      "distribution-imports-downward-only",
    ],
    [
      "departments import questionnaires",
      "src/departments/a.ts",
      "../questionnaires/b.ts",
      "src/questionnaires/b.ts",
      "departments-imports-downward-only",
    ],
    [
      "questionnaires import customers",
      "src/questionnaires/a.ts",
      "../customers/b.ts",
      "src/customers/b.ts",
      "questionnaires-imports-downward-only",
    ],
    [
      "responses import reports",
      "src/responses/a.ts",
      "../reports/b.ts",
      "src/reports/b.ts",
      "responses-imports-downward-only",
    ],
    [
      "web imports a feature module",
      "src/web/a.ts",
      "../customers/b.ts",
      "src/customers/b.ts",
      "base-imports-no-feature",
    ],
    [
      "reports import metrics",
      "src/reports/a.ts",
      "../metrics/b.ts",
      "src/metrics/b.ts",
      "reports-imports-downward-only",
    ],
    [
      "console imports metrics",
      "src/console/a.ts",
      "../metrics/b.ts",
      "src/metrics/b.ts",
      "console-imports-downward-only",
    ],
    [
      "jobs import metrics",
      "src/jobs/a.ts",
      "../metrics/b.ts",
      "src/metrics/b.ts",
      "base-imports-no-feature",
    ],
    [
      "backup imports a feature module",
      "src/backup/a.ts",
      "../customers/b.ts",
      "src/customers/b.ts",
      "base-imports-no-feature",
    ],
    ["scoring imports the app", "src/scoring/a.ts", "../db/b.ts", "src/db/b.ts", "scoring-is-pure"],
    [
      "a repository imports web",
      "src/accounts/a.repository.ts",
      "../web/b.ts",
      "src/web/b.ts",
      "repositories-import-no-web",
    ],
    [
      "a module imports a router",
      "src/console/a.ts",
      "../accounts/b.routes.ts",
      "src/accounts/b.routes.ts",
      "only-app-mounts-routers",
    ],
  ])("refuses: %s", async (_what, from, specifier, to, rule) => {
    expect(
      await violations({
        [from]: `import { b } from "${specifier}";\nexport const a = b;\n`,
        [to]: "export const b = 1;\n",
      }),
    ).toContain(rule);
  });

  it("lets the allowed directions, app.ts mounting routers and the base through", async () => {
    expect(
      await violations({
        "src/app.ts": 'import { r } from "./responses/r.routes.ts";\nexport const app = r;\n',
        "src/responses/r.routes.ts": 'import { w } from "../distribution/w.ts";\nexport const r = w;\n',
        "src/distribution/w.ts":
          'import { c } from "../customers/c.ts";\nimport { q } from "../questionnaires/q.ts";\nexport const w = [c, q];\n',
        "src/customers/c.ts": 'import { t } from "../i18n/bilingual.ts";\nexport const c = t;\n',
        "src/questionnaires/q.ts": 'import { s } from "../scoring/s.ts";\nexport const q = s;\n',
        "src/scoring/s.ts": 'import type { t } from "../i18n/bilingual.ts";\nexport const s: typeof t = 1;\n',
        "src/i18n/bilingual.ts": "export const t = 1;\n",
        // metrics reads the modules below it and the base, as console does
        "src/metrics/m.ts":
          'import { w } from "../distribution/w.ts";\nimport { j } from "../jobs/j.ts";\nexport const m = [w, j];\n',
        "src/jobs/j.ts": "export const j = 1;\n",
      }),
    ).toEqual([]);
  });

  it("refuses an import cycle", async () => {
    expect(
      await violations({
        "src/lib/a.ts": 'import { b } from "./b.ts";\nexport const a = b;\n',
        "src/lib/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
      }),
    ).toContain("no-circular");
  });
});
