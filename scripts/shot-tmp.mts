import { launchBrowser } from "../tests/helpers/browser.ts";

const base = process.argv[2] ?? "http://localhost:3100";
const path = process.argv[3] ?? "/admin/reports";
const out = process.argv[4] ?? "/tmp/shots/report.png";
const user = process.argv[5] ?? "manager";
const locale = process.argv[6] ?? "zh-CN";
const browser = await launchBrowser({ locale, viewport: { width: 1280, height: 900 } });
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.text()));
page.on("pageerror", (e) => console.log("pageerror:", e.message));
await page.goto(`${base}/login`);
await page.locator("#username").fill(user);
await page.locator("#password").fill(`manyi-${user}-demo`);
await page.locator("button[type=submit].button-primary").click();
await page.waitForURL(`${base}/admin`);
const t0 = Date.now();
await page.goto(`${base}${path}`);
await page.waitForFunction(() => document.documentElement.dataset.chartsReady === "1");
console.log("page ms", Date.now() - t0);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
const b2 = await launchBrowser({ locale, viewport: { width: 1280, height: 900 } });
const p2 = await b2.newPage();
await p2.goto(`${base}/login`);
await p2.locator("#username").fill(user);
await p2.locator("#password").fill(`manyi-${user}-demo`);
await p2.locator("button[type=submit].button-primary").click();
await p2.waitForURL(`${base}/admin`);
await p2.goto(`${base}${path}`);
await p2.waitForFunction(() => document.documentElement.dataset.chartsReady === "1");
await p2.screenshot({ path: out.replace(".png", "-top.png") });
for (const id of [
  "headline",
  "dimensions",
  "indicators",
  "distribution",
  "kano",
  "servqual",
  "ipa",
  "segments",
  "trend",
  "dissatisfaction",
  "rankings",
]) {
  const el = p2.locator(`#${id}`);
  if (await el.count()) await el.screenshot({ path: out.replace(".png", `-${id}.png`) });
}
await b2.close();
