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

// Reports (issue 6): last month's report as management sees it, in both languages, and its PDF's first
// page (pdftoppm, from poppler-utils).
{
  const { execFileSync } = await import("node:child_process");
  const { writeFileSync } = await import("node:fs");
  for (const [locale, suffix] of [
    ["zh-CN", "zh"],
    ["en-US", "en"],
  ] as const) {
    const browser = await launchBrowser({ locale, viewport: { width: 1280, height: 900 } });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator("#username").fill("manager");
    await page.locator("#password").fill("manyi-manager-demo");
    await page.locator("button[type=submit].button-primary").click();
    await page.waitForURL(`${baseUrl}/admin`);
    await page.goto(`${baseUrl}/admin/reports`);
    await page.waitForFunction(() => document.documentElement.dataset.chartsReady === "1");
    await page.locator(".report").screenshot({ path: `${out}/report-${suffix}.png` });
    if (suffix === "zh") {
      const href = await page.locator("[data-download=pdf]").getAttribute("href");
      const pdf = await page.request.get(`${baseUrl}${href}`);
      writeFileSync("/tmp/manyi-report.pdf", await pdf.body());
      execFileSync("pdftoppm", [
        "-r",
        "70",
        "-png",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        "/tmp/manyi-report.pdf",
        `${out}/report-pdf-${suffix}`,
      ]);
    }
    await browser.close();
  }
}
