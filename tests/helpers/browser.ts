import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium, headless, with a fresh profile. A missing browser is a failure, never a skip:
 * install it with `apt-get install -y chromium` (CI does).
 */
export async function launchBrowser(
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is required for browser tests and was not found at ${CHROMIUM_PATH}; apt-get install -y chromium`,
    );
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "manyi-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: options.locale ?? "en-US",
    viewport: options.viewport ?? { width: 1280, height: 860 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return context;
}
