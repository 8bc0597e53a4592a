import { createHash, randomBytes } from "node:crypto";

/** A random secret of 256 bits, URL-safe. Used for session cookies and API tokens. */
export function generateSecretToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/** Secrets are stored only as SHA-256: they are high-entropy, so a fast hash is enough. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
