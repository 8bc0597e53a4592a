import type { Locale } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import { renderView } from "./render-view.ts";
import type { ReportView } from "./report-view.ts";

/**
 * The scheduled report's email: the headline, the dimension scores, the main charts as inline images
 * (cid:) and a link to the full report; the PDF goes along as an attachment. The HTML part is the view
 * views/pages/report-email.hbs in the layout views/layouts/email.hbs (inline styles: mail clients
 * ignore style sheets); the subject and the plain-text part are written here.
 */

const GRADE_COLORS: Record<string, string> = {
  excellent: "#1b7a3d",
  good: "#0f5c8c",
  average: "#b3261e",
  none: "#566575",
};

export interface ReportEmail {
  subject: string;
  html: string;
  text: string;
}

/** The follow-up section's summary in the plain-text part (aggregates only, as on the page). */
function followupText(view: ReportView, t: (key: MessageKey, values?: MessageValues) => string): string[] {
  const followup = view.followup;
  if (!view.hasData || !followup) return [];
  const heading = ["", t("report.section.followup")];
  if (followup.withheld) return [...heading, t("report.followup.withheld")];
  if (followup.empty) return [...heading, t("report.followup.empty")];
  return [...heading, ...followup.facts.map(({ label, value }) => `${label}: ${value}`)];
}

export async function reportEmail(
  view: ReportView,
  locale: Locale,
  options: { reportUrl: string; images: readonly { cid: string; title: string }[]; timeZone: string },
): Promise<ReportEmail> {
  const t = (key: MessageKey, values?: MessageValues) => translate(locale, key, values);
  const h = view.headline;
  const subject = `${view.title} · ${view.periodLabel}${h.hasScore ? ` · ${t("report.score")} ${h.scoreText} ${h.grade}` : ""}`;
  const facts: [string, string][] = [
    [t("report.n"), h.respondents],
    [t("report.responses"), h.responses],
    [t("report.ci"), h.ci],
    [t("report.responseRate"), h.responseRate],
    [t("report.change"), `${h.change.marker ? `${h.change.marker} ` : ""}${h.change.text}`],
  ];
  const html = await renderView(
    "report-email",
    {
      layout: "email",
      locale,
      subject,
      report: view,
      showScore: view.hasData && h.hasScore,
      gradeColor: GRADE_COLORS[h.gradeKey] ?? "#566575",
      facts: facts.map(([label, value]) => ({ label, value })),
      dimensions: view.dimensions.map((d) => ({ ...d, color: GRADE_COLORS[d.gradeKey] ?? "#1d2733" })),
      followup: view.followup,
      images: options.images,
      reportUrl: options.reportUrl,
    },
    options.timeZone,
  );
  const text = [
    `${view.title} · ${view.periodLabel}${view.filterText ? ` · ${view.filterText}` : ""}`,
    "",
    view.hasData && h.hasScore
      ? `${t("report.score")}: ${h.scoreText} (${h.grade})`
      : !view.hasData
        ? t("report.empty", { period: view.periodLabel })
        : view.suppressed
          ? t("report.suppressed")
          : t("report.unscored"),
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    ...view.dimensions.map((d) =>
      d.suppressed
        ? `${d.label}: ${t("report.suppressedShort")}`
        : `${d.label}: ${d.scoreText}${d.caution ? "*" : ""} (${d.grade}) ${d.change.text}`,
    ),
    ...(view.dimensions.length > 0 ? ["", `* ${t("report.cautionShort")}. ${t("report.changeNote")}`] : []),
    ...followupText(view, t),
    "",
    `${t("report.email.open")}: ${options.reportUrl}`,
    t("report.email.attached"),
  ].join("\n");
  return { subject, html, text };
}
