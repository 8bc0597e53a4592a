// `manyi analyze`: CSV in, score / Kano / SERVQUAL tables or JSON out. See seeds/analyze/README.md.
export type { AnalyzeIo, AnalyzeKind, AnalyzeOptions } from "./analyze.command.ts";
export { ANALYZE_KINDS, registerAnalyzeCommand, runAnalyze } from "./analyze.command.ts";
export type { BadRow } from "./csv.ts";
export type { KanoAnalysis, KanoFeatureAnalysis } from "./kano-csv.ts";
export { analyzeKanoCsv, parseKanoCsv } from "./kano-csv.ts";
export type { ScoreAnalysis } from "./score-csv.ts";
export { analyzeScoreCsv, parseScoreCsv } from "./score-csv.ts";
export type { ServqualAnalysis } from "./servqual-csv.ts";
export { analyzeServqualCsv, parseServqualCsv, parseWeights } from "./servqual-csv.ts";
