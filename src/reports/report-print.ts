import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Locale } from "../i18n/bilingual.ts";
import { formatDateTime } from "../lib/time.ts";
import { renderView } from "./render-view.ts";
import type { ReportView } from "./report-view.ts";

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
/** Chart.js for browsers, served to the console from node_modules (no CDN). */
export const CHART_JS = path.join(path.dirname(require.resolve("chart.js")), "chart.umd.min.js");

let printAssets: { css: string; chartJs: string; reportJs: string } | undefined;
/** Styles and scripts inlined into the page Chromium prints (it loads nothing from the network). */
function inlineAssets() {
  const script = (file: string) => readFileSync(file, "utf8").replace(/<\/script/gi, "<\\/script");
  printAssets ??= {
    css: ["public/css/manyi.css", "public/css/report.css"]
      .map((file) => readFileSync(path.join(root, file), "utf8"))
      .join("\n")
      .replace(/<\/style/gi, "<\\/style"),
    chartJs: script(CHART_JS),
    reportJs: script(path.join(root, "public/js/report.js")),
  };
  return printAssets;
}

/** JSON for a <script type="application/json"> block: nothing in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

export function formatGeneratedAt(iso: string, locale: Locale, timeZone: string): string {
  return formatDateTime(new Date(iso), locale, timeZone);
}

/** The report as one self-contained HTML page, as Chromium prints it. */
export function renderReportPrintHtml(
  view: ReportView,
  locale: Locale,
  generatedAt: string,
  timeZone: string,
): Promise<string> {
  const assets = inlineAssets();
  return renderView(
    "report-print",
    {
      layout: "report-print",
      locale,
      report: view,
      chartsJson: scriptJson(view.charts),
      generatedAtText: formatGeneratedAt(generatedAt, locale, timeZone),
      inlineCss: assets.css,
      inlineChartJs: assets.chartJs,
      inlineReportJs: assets.reportJs,
    },
    timeZone,
  );
}
