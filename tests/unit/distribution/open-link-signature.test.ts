import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openLinkSigner, signedOpenLink } from "../../../src/distribution/open-link-signature.ts";

const SECRET = "test-secret-test-secret-test-secret-123";
const signer = openLinkSigner(SECRET);
const SIG = signer.sign("sancheng-2026", "C0001");

describe("the signature of an open link's customer reference", () => {
  it("is 16 bytes of HMAC in base64url (22 characters), and checks", () => {
    expect(SIG).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(signer.verify("sancheng-2026", "C0001", SIG)).toBe(true);
  });

  it("stays the same from release to release: links printed on letters keep working", () => {
    // HMAC-SHA256(HMAC-SHA256(SECRET, "open-link-ref"), "sancheng-2026\nC0001"), first 16 bytes,
    // computed once when the format was fixed.
    expect(SIG).toBe("iwGpIsvJYfma4jYG_dasug");
  });

  it.each([
    ["another customer's reference", "sancheng-2026", "C0002", SIG],
    ["another wave", "kano-2026", "C0001", SIG],
    ["no signature", "sancheng-2026", "C0001", ""],
    ["a signature cut short", "sancheng-2026", "C0001", SIG.slice(0, 21)],
    ["a signature with a character more", "sancheng-2026", "C0001", `${SIG}A`],
    [
      "a signature with one character changed",
      "sancheng-2026",
      "C0001",
      `${SIG.slice(0, 21)}${SIG.endsWith("A") ? "B" : "A"}`,
    ],
    ["a made-up signature", "sancheng-2026", "C0001", "AAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses %s", (_label, slug, ref, sig) => {
    expect(signer.verify(slug, ref, sig)).toBe(false);
  });

  it("is made with a key derived from the session secret, never the secret itself", () => {
    const withRawSecret = createHmac("sha256", SECRET)
      .update("sancheng-2026\nC0001")
      .digest()
      .subarray(0, 16)
      .toString("base64url");
    expect(signer.verify("sancheng-2026", "C0001", withRawSecret)).toBe(false);
    // another installation (another session secret) signs differently
    expect(openLinkSigner(`${SECRET}-other`).verify("sancheng-2026", "C0001", SIG)).toBe(false);
  });

  it("makes the link with the reference and the signature in the query", () => {
    const url = new URL(signedOpenLink(signer, "https://survey.example.com", "sancheng-2026", "C 01&x"));
    expect(url.origin + url.pathname).toBe("https://survey.example.com/w/sancheng-2026");
    expect(url.searchParams.get("ref")).toBe("C 01&x");
    expect(signer.verify("sancheng-2026", "C 01&x", url.searchParams.get("sig") ?? "")).toBe(true);
  });
});
