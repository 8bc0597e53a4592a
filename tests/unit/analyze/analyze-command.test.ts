import { readFileSync } from "node:fs";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { type AnalyzeIo, registerAnalyzeCommand, runAnalyze } from "../../../src/analyze/index.ts";
import { seedPath } from "./seeds.ts";

/** Runs `runAnalyze` against in-memory files and captures what it prints. */
function run(
  kind: string,
  file: string,
  options: { json?: boolean; weights?: string; rule?: string } = {},
  files: Record<string, Uint8Array> = {},
) {
  let stdout = "";
  let stderr = "";
  const io: AnalyzeIo = {
    readFile: (path) => {
      const bytes = files[path];
      if (bytes !== undefined) return bytes;
      return readFileSync(path);
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = runAnalyze(kind, file, options, io);
  return { code, stdout, stderr };
}

describe("runAnalyze", () => {
  test("score table: overall, dimensions, items; nothing on stderr for a clean file", () => {
    const { code, stdout, stderr } = run("score", seedPath("score.csv"));
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/Overall score: 89\.3\d {2}good 良好 {2}\(n = 10, 58 answers\)/);
    expect(stdout).toMatch(/诚心\s+10\s+97\.50\s+excellent 优秀/);
    expect(stdout).toMatch(/诚行\s+10\s+81\.75\s+average 一般/);
    expect(stdout).toMatch(/Q2\s+诚心\s+9\s+96\.67/);
  });

  test("score --json: the unrounded analysis with an empty badRows array", () => {
    const { code, stdout } = run("score", seedPath("score.csv"), { json: true });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.kind).toBe("score");
    expect(json.file).toBe(seedPath("score.csv"));
    expect(json.overall.n).toBe(10);
    expect(json.byItem[1].score).toBeCloseTo(870 / 9, 12);
    expect(json.badRows).toEqual([]);
  });

  test("bad rows go to stderr in table mode and into badRows with --json; exit code stays 0", () => {
    const table = run("score", seedPath("score-bad-rows.csv"));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Respondents analysed: 3/);
    expect(table.stderr.split("\n")[0]).toBe("6 bad rows skipped:");
    expect(table.stderr).toMatch(/line 3: column "Q3\[诚信\]": unrecognised answer "很好"/);
    const json = run("score", seedPath("score-bad-rows.csv"), { json: true });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("");
    expect(JSON.parse(json.stdout).badRows.map((row: { line: number }) => row.line)).toEqual([
      3, 6, 7, 8, 9, 10,
    ]);
  });

  test("kano and servqual tables", () => {
    const kano = run("kano", seedPath("kano.csv"));
    expect(kano.code).toBe(0);
    expect(kano.stdout).toMatch(
      /在线理赔\s+12\s+2\s+6\s+3\s+1\s+0\s+0\s+O one-dimensional 期望\s+0\.67\s+-0\.75\s+not significant/,
    );
    const servqual = run("servqual", seedPath("servqual.csv"), {
      weights: "reliability=32,responsiveness=22,assurance=19,empathy=16,tangibles=11",
    });
    expect(servqual.code).toBe(0);
    expect(servqual.stdout).toMatch(/reliability 信赖度\s+2\s+6\.75\s+5\.25\s+-1\.50\s+32/);
    expect(servqual.stdout).toMatch(/Unweighted SERVQUAL \(mean of dimension gaps\): -0\.80/);
    expect(servqual.stdout).toMatch(/Weighted SERVQUAL \(Σ weight\/100 × gap\): -0\.97/);
  });

  test("kano --rule oam and its validation", () => {
    expect(JSON.parse(run("kano", seedPath("kano.csv"), { json: true, rule: "oam" }).stdout).rule).toBe(
      "oam",
    );
    const bad = run("kano", seedPath("kano.csv"), { rule: "max" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('manyi analyze: --rule must be "mode" or "oam", got "max"\n');
  });

  test("reads a UTF-8 file with a BOM and CRLF line ends", () => {
    const bytes = new TextEncoder().encode("\uFEFFrespondent,Q1\r\nr1,满意\r\n");
    const { code, stdout } = run("score", "bom.csv", { json: true }, { "bom.csv": bytes });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).overall.score).toBe(90);
  });

  test.each([
    [
      "an unknown kind",
      "nps",
      seedPath("score.csv"),
      {},
      /^manyi analyze: unknown kind "nps" \(use score, kano, servqual\)\n$/,
    ],
    [
      "a missing file",
      "score",
      "/nonexistent/answers.csv",
      {},
      /^manyi analyze: cannot read \/nonexistent\/answers\.csv: no such file\n$/,
    ],
    ["a directory", "score", seedPath(""), {}, /^manyi analyze: cannot read .*: it is a directory\n$/],
    [
      "no usable rows",
      "score",
      seedPath("score-all-bad.csv"),
      {},
      /^manyi analyze: .*score-all-bad\.csv: no usable rows \(3 bad rows; first: line 2: /,
    ],
    [
      "a missing column",
      "kano",
      seedPath("score.csv"),
      {},
      /^manyi analyze: .*score\.csv: the header \(line 1\) has no "feature" column/,
    ],
    [
      "weights that do not sum to 100",
      "servqual",
      seedPath("servqual.csv"),
      { weights: "reliability=30,responsiveness=22,assurance=19,empathy=16,tangibles=11" },
      /must sum to 100 points, got 98/,
    ],
    [
      "malformed weights",
      "servqual",
      seedPath("servqual.csv"),
      { weights: "reliability" },
      /--weights: cannot read "reliability"/,
    ],
  ])("exit 1 with a one-line message on %s", (_case, kind, file, options, message) => {
    const { code, stdout, stderr } = run(kind, file, options);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test("exit 1 on a file that is not UTF-8 (a GBK export)", () => {
    // "满意" in GBK is C2 FA D2 E2 — not valid UTF-8.
    const gbk = new Uint8Array([0x51, 0x31, 0x0a, 0xc2, 0xfa, 0xd2, 0xe2, 0x0a]);
    const { code, stderr } = run("score", "gbk.csv", {}, { "gbk.csv": gbk });
    expect(code).toBe(1);
    expect(stderr).toBe('manyi analyze: gbk.csv is not UTF-8 text (save it as "CSV UTF-8")\n');
  });
});

describe("registerAnalyzeCommand", () => {
  test("adds analyze <kind> <file> with --json, --weights and --rule", () => {
    const program = new Command();
    registerAnalyzeCommand(program);
    const command = program.commands.find((candidate) => candidate.name() === "analyze");
    expect(command).toBeDefined();
    expect(command?.registeredArguments.map((argument) => [argument.name(), argument.required])).toEqual([
      ["kind", true],
      ["file", true],
    ]);
    expect(command?.options.map((option) => option.long)).toEqual(["--json", "--weights", "--rule"]);
    expect(command?.helpInformation()).toMatch(/analyze \[options\] <kind> <file>/);
  });
});
