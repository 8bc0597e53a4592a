import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of a sample CSV in seeds/analyze/. */
export function seedPath(name: string): string {
  return fileURLToPath(new URL(`../../../seeds/analyze/${name}`, import.meta.url));
}

/** The text of a sample CSV in seeds/analyze/ (BOM kept, as on disk). */
export function readSeed(name: string): string {
  return readFileSync(seedPath(name), "utf8");
}
