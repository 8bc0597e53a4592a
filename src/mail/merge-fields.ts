/** The merge fields a wave's subject and body may use. */
export const MERGE_FIELDS = ["name", "link", "closeDate"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The merge fields of a template that do not exist, e.g. a mistyped {{nmae}}. */
export function unknownMergeFields(template: string): string[] {
  return [...template.matchAll(FIELD)]
    .map((match) => match[1] as string)
    .filter((field) => !(MERGE_FIELDS as readonly string[]).includes(field));
}

export function mergeFields(template: string, values: Record<MergeField, string>): string {
  return template.replace(FIELD, (whole, field: string) =>
    (MERGE_FIELDS as readonly string[]).includes(field) ? values[field as MergeField] : whole,
  );
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * The HTML part of a plain-text message: escaped, paragraphs kept, the survey link as a button, and the
 * unsubscribe footer. Everything the customer typed or we merged is escaped.
 */
export function textToHtml(text: string, link: string, footer: string, buttonLabel: string): string {
  const paragraphs = escapeHtml(text)
    .split(/\n{2,}/)
    .map((paragraph) => {
      const withLink = paragraph.replaceAll(
        escapeHtml(link),
        `<a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;background:#1f6f5c;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(buttonLabel)}</a>`,
      );
      return `<p style="margin:0 0 16px">${withLink.replaceAll("\n", "<br>")}</p>`;
    })
    .join("");
  return `<!doctype html><html><body style="font-family:-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;font-size:15px;line-height:1.6;color:#1d2b28;max-width:560px;margin:0 auto;padding:24px">${paragraphs}<hr style="border:none;border-top:1px solid #dde5e2;margin:24px 0"><p style="font-size:12px;color:#5b6b67">${footer}</p></body></html>`;
}
