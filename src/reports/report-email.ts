import type { Locale } from "../i18n/bilingual.ts";
import { type MessageKey, type MessageValues, translate } from "../i18n/i18n.ts";
import type { ReportView } from "./report-view.ts";

/**
 * The scheduled report's email: the headline, the dimension scores, the main charts as inline images
 * (cid:) and a link to the full report; the PDF goes along as an attachment. Pure. Mail clients ignore
 * style sheets, so styles are inline and the layout is a table.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

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

export function reportEmail(
  view: ReportView,
  locale: Locale,
  options: { reportUrl: string; images: readonly { cid: string; title: string }[] },
): ReportEmail {
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
  const cell = "padding:6px 10px;border-bottom:1px solid #d7dee6;font-size:14px;";
  const dimensions = view.dimensions
    .map(
      (d) =>
        `<tr><td style="${cell}">${escapeHtml(d.label)}</td><td style="${cell}text-align:right;font-weight:600">${escapeHtml(d.scoreText)}</td><td style="${cell}color:${GRADE_COLORS[d.gradeKey] ?? "#1d2733"}">${escapeHtml(d.grade)}</td><td style="${cell}color:#566575">${escapeHtml(d.change.text)}</td></tr>`,
    )
    .join("");
  const images = options.images
    .map(
      (image) =>
        `<h3 style="font-size:15px;color:#0a3f61;margin:18px 0 6px">${escapeHtml(image.title)}</h3><img src="cid:${image.cid}" alt="${escapeHtml(image.title)}" width="640" style="width:100%;max-width:640px;height:auto;border:1px solid #d7dee6">`,
    )
    .join("");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f4f6f9;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#1d2733">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f9"><tr><td align="center" style="padding:20px">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" style="max-width:680px;background:#ffffff;border-radius:10px;padding:24px">
<tr><td style="padding:24px">
<p style="margin:0;color:#0f5c8c;font-weight:700;font-size:13px">${escapeHtml(t("report.title"))}</p>
<h1 style="margin:4px 0;font-size:22px">${escapeHtml(view.title)}</h1>
<p style="margin:0 0 16px;color:#566575;font-size:15px">${escapeHtml(view.periodLabel)}${view.filterText ? ` · ${escapeHtml(view.filterText)}` : ""}</p>
${
  view.hasData && h.hasScore
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin-bottom:12px"><tr>
<td style="background:#e6f0f7;border-radius:10px;padding:14px 22px;text-align:center">
<div style="color:#566575;font-size:13px">${escapeHtml(t("report.score"))}</div>
<div style="font-size:40px;font-weight:800;color:#0a3f61;line-height:1.1">${escapeHtml(h.scoreText)}</div>
<div style="display:inline-block;margin-top:4px;padding:2px 12px;border-radius:999px;background:${GRADE_COLORS[h.gradeKey] ?? "#566575"};color:#fff;font-weight:600">${escapeHtml(h.grade)}</div>
</td><td style="padding-left:18px;font-size:14px;line-height:1.7">${facts
        .map(
          ([label, value]) =>
            `<div><span style="color:#566575">${escapeHtml(label)}:</span> <b>${escapeHtml(value)}</b></div>`,
        )
        .join("")}</td></tr></table>`
    : `<p style="font-size:15px">${escapeHtml(view.hasData ? t("report.suppressed") : t("report.empty", { period: view.periodLabel }))}</p>`
}
${dimensions ? `<h2 style="font-size:17px;color:#0a3f61;margin:18px 0 6px">${escapeHtml(t("report.section.dimensions"))}</h2><table role="presentation" width="100%" cellpadding="0" cellspacing="0">${dimensions}</table>` : ""}
${images}
<p style="margin:22px 0 0"><a href="${escapeHtml(options.reportUrl)}" style="background:#0f5c8c;color:#ffffff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(t("report.email.open"))}</a></p>
<p style="margin:14px 0 0;color:#566575;font-size:12px">${escapeHtml(t("report.email.attached"))} ${escapeHtml(t("report.footer"))}</p>
</td></tr></table></td></tr></table></body></html>`;
  const text = [
    `${view.title} · ${view.periodLabel}${view.filterText ? ` · ${view.filterText}` : ""}`,
    "",
    view.hasData && h.hasScore
      ? `${t("report.score")}: ${h.scoreText} (${h.grade})`
      : t("report.empty", { period: view.periodLabel }),
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    ...view.dimensions.map((d) => `${d.label}: ${d.scoreText} (${d.grade}) ${d.change.text}`),
    "",
    `${t("report.email.open")}: ${options.reportUrl}`,
    t("report.email.attached"),
  ].join("\n");
  return { subject, html, text };
}
