import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../src/accounts/password.ts";
import { generateSecretToken, hashSecretToken } from "../../../src/accounts/tokens.ts";

describe("passwords", () => {
  it("hashes with argon2id and a fresh salt, and verifies only the right password", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(first, "Correct horse battery staple")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("secret tokens", () => {
  it("are 256-bit random, URL-safe, and stored as SHA-256", () => {
    const token = generateSecretToken("manyi_");
    expect(token).toMatch(/^manyi_[A-Za-z0-9_-]{43}$/);
    expect(generateSecretToken()).not.toBe(generateSecretToken());
    // SHA-256("abc"), FIPS 180-2 appendix B.1
    expect(hashSecretToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
