// Takes the README's screenshots from a running manyi (npm start): tsx scripts/screenshots.ts [baseUrl]
import { launchBrowser } from "../tests/helpers/browser.ts";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const out = "docs/screenshots";

for (const [locale, suffix] of [
  ["zh-CN", "zh"],
  ["en-US", "en"],
] as const) {
  const browser = await launchBrowser({ locale, viewport: { width: 1280, height: 800 } });
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.screenshot({ path: `${out}/login-${suffix}.png` });
  await page.locator("#username").fill("admin");
  await page.locator("#password").fill("manyi-admin-demo");
  await page.locator("button[type=submit].button-primary").click();
  await page.waitForURL(`${baseUrl}/admin`);
  await page.screenshot({ path: `${out}/admin-home-${suffix}.png`, fullPage: true });
  await page.goto(`${baseUrl}/admin/audit`);
  await page.screenshot({ path: `${out}/audit-${suffix}.png` });
  await browser.close();
}
