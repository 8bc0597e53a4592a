#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx manyi …` works from a checkout without a build step.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsx = path.join(path.dirname(require.resolve("tsx/package.json")), "dist/cli.mjs");
const result = spawnSync(process.execPath, [tsx, path.join(root, "src/cli.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
