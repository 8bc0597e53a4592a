/**
 * The Content-Disposition of a download (RFC 6266). A name in plain ASCII is sent as `filename`; any
 * other is sent as `filename*=UTF-8''…` (RFC 5987: UTF-8, percent-encoded), which browsers prefer, with
 * `fallback` as `filename` for clients that do not read it.
 */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const plain = (text: string) => text.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (plain(fileName) === fileName) return `attachment; filename="${fileName}"`;
  return `attachment; filename="${plain(fallback)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** RFC 5987's value-chars: percent-encoded UTF-8, leaving only attr-char unencoded. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
