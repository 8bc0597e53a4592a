import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

// Runs the real CLI (src/cli.ts registers registerAnalyzeCommand) the way an analyst would.
// Each spawn compiles the CLI with tsx (a few seconds on a busy 2-core machine), hence the timeouts.
const SPAWN_TIMEOUT = 60_000;
const root = fileURLToPath(new URL("../../../", import.meta.url));

function manyi(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", ...args],
      { cwd: root, timeout: SPAWN_TIMEOUT, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("manyi analyze (spawned CLI)", { timeout: SPAWN_TIMEOUT }, () => {
  test("score --json on the sample: exit 0, JSON on stdout", async () => {
    const { code, stdout } = await manyi("analyze", "score", "seeds/analyze/score.csv", "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      kind: "score",
      file: "seeds/analyze/score.csv",
      respondentCount: 10,
      badRows: [],
    });
    expect(json.overall.grade).toBe("good");
    expect(
      json.byDimension.map((row: { dimension: string; grade: string }) => [row.dimension, row.grade]),
    ).toEqual([
      ["诚心", "excellent"],
      ["诚信", "good"],
      ["诚行", "average"],
    ]);
  });

  test("score with bad rows: exit 0, table on stdout, bad rows with line numbers on stderr", async () => {
    const { code, stdout, stderr } = await manyi("analyze", "score", "seeds/analyze/score-bad-rows.csv");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Respondents analysed: 3/);
    expect(stderr).toMatch(/^6 bad rows skipped:\n {2}line 3: /);
    expect(stderr).toMatch(/line 10: not valid CSV/);
  });

  test("kano --json and servqual --json", async () => {
    const kano = await manyi("analyze", "kano", "seeds/analyze/kano-bad-rows.csv", "--json");
    expect(kano.code).toBe(0);
    const kanoJson = JSON.parse(kano.stdout);
    expect(kanoJson.features.map((row: { feature: string }) => row.feature)).toEqual([
      "Online claims",
      "SMS progress",
    ]);
    expect(kanoJson.badRows.map((row: { line: number }) => row.line)).toEqual([4, 6, 8, 9]);
    const servqual = await manyi("analyze", "servqual", "seeds/analyze/servqual.csv", "--json");
    expect(servqual.code).toBe(0);
    expect(JSON.parse(servqual.stdout).unweighted).toBeCloseTo(-0.8, 10);
  });

  test.each([
    ["no usable rows", ["score", "seeds/analyze/score-all-bad.csv"], /no usable rows/],
    [
      "a missing file",
      ["score", "seeds/analyze/missing.csv"],
      /cannot read seeds\/analyze\/missing\.csv: no such file/,
    ],
    ["an unknown kind", ["nps", "seeds/analyze/score.csv"], /unknown kind "nps"/],
  ])("exit 1 with one line on stderr: %s", async (_case, args, message) => {
    const { code, stdout, stderr } = await manyi("analyze", ...args);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
