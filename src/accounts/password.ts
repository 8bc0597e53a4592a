import { hash, verify } from "@node-rs/argon2";

// The library's default algorithm is argon2id (its const enum cannot be imported under verbatimModuleSyntax;
// a unit test checks the `$argon2id$` prefix). Cost: the OWASP minimum, 19 MiB, t=2, p=1.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps a login for an unknown name as slow as one for a known name.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not a real password, only for timing");
  return dummyHash;
}
