import { createHmac, timingSafeEqual } from "node:crypto";

/** Bytes of the HMAC a link carries: 128 bits, 22 characters of base64url. */
const SIGNATURE_BYTES = 16;

/** What the key is derived for: the session secret itself never signs a link. */
const KEY_PURPOSE = "open-link-ref";

/**
 * Signs and checks the customer reference of an open link (`/w/<slug>?ref=C0001&sig=…`). Customer
 * references are sequential, so a reference alone proves nothing: only a link made by staff (for a
 * letter's QR code, an SMS) carries a signature, and only a signed reference is taken as the customer.
 */
export interface OpenLinkSigner {
  /** The `sig` of the customer reference `customerRef` in the open link of the wave `slug`. */
  sign(slug: string, customerRef: string): string;
  /** Whether `signature` is the one {@link sign} makes for this slug and reference (constant time). */
  verify(slug: string, customerRef: string, signature: string): boolean;
}

/**
 * The signer of open links, with a key of its own derived from the session secret:
 * HMAC-SHA256(sessionSecret, "open-link-ref"). The signature is HMAC-SHA256(key, slug "\n" reference)
 * truncated to 16 bytes; a slug has no line break, so no two (slug, reference) pairs sign the same text.
 *
 * @example
 * const signer = openLinkSigner(config.sessionSecret);
 * const sig = signer.sign("sancheng-2026", "C0001");
 * signer.verify("sancheng-2026", "C0001", sig); // true
 * signer.verify("sancheng-2026", "C0002", sig); // false
 */
export function openLinkSigner(sessionSecret: string): OpenLinkSigner {
  const key = createHmac("sha256", sessionSecret).update(KEY_PURPOSE).digest();
  const sign = (slug: string, customerRef: string) =>
    createHmac("sha256", key)
      .update(`${slug}\n${customerRef}`)
      .digest()
      .subarray(0, SIGNATURE_BYTES)
      .toString("base64url");
  return {
    sign,
    verify(slug, customerRef, signature) {
      const expected = Buffer.from(sign(slug, customerRef));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The open link of the wave `slug` for one customer: their reference and its signature. */
export function signedOpenLink(signer: OpenLinkSigner, publicUrl: string, slug: string, customerRef: string) {
  const query = new URLSearchParams({ ref: customerRef, sig: signer.sign(slug, customerRef) });
  return `${publicUrl}/w/${slug}?${query.toString()}`;
}
