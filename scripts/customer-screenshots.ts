// Screenshots of the customers, import and segment pages from a running manyi with the demo data:
// tsx scripts/customer-screenshots.ts [baseUrl] [outDir]
import type { Page } from "playwright-core";
import { launchBrowser } from "../tests/helpers/browser.ts";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "docs/screenshots";

const CSV = `\uFEFF${[
  "客户编号,姓名,邮箱,手机,客户类型,渠道,价值等级,活跃度,分支机构,客户经理,保单数,备注",
  "S001,钱多多,qian@example.com,13900000001,个人,个险,MVC,活跃,南京,cm.zhang,5,老客户",
  "S002,孙小美,sun.xm@example,13900000002,个人,银保,MGC,活跃,南京,,2,",
  "S003,阿土伯物流有限公司,atu@example.com,025-88880000,企业,团险,MVC,活跃,南京,,30,",
  "S004,金贝贝,jin@example.com,13900000004,个人,电销,VIP,休眠,苏州,,1,",
  "S005,,nobody@example.com,13900000005,个人,网销,LVC,活跃,苏州,,0,",
  "S006,沙隆巴斯,sha@example.com,13900000006,个人,网销,MVC,半休眠,苏州,,7,",
].join("\r\n")}\r\n`;

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#username").fill("quality");
  await page.locator("#password").fill("manyi-quality-demo");
  await page.locator("button[type=submit].button-primary").click();
  await page.waitForURL(`${baseUrl}/admin`);
}

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  const browser = await launchBrowser({ locale: "zh-CN", viewport });
  const page = await browser.newPage();
  await signIn(page);
  await page.goto(`${baseUrl}/admin/customers`);
  await page.screenshot({ path: `${out}/customers-${name}-zh.png`, fullPage: name === "desktop" });
  await page.locator(".customer-table a").first().click();
  await page.screenshot({ path: `${out}/customer-${name}-zh.png`, fullPage: true });
  await page.goto(`${baseUrl}/admin/customers/import`);
  await page
    .locator("#file")
    .setInputFiles({ name: "客户名单.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.locator("form[enctype] button[type=submit]").click();
  await page.waitForSelector(".mapping-table");
  await page.screenshot({ path: `${out}/customer-import-mapping-${name}-zh.png`, fullPage: true });
  await page.locator("form button.button-primary").click();
  await page.waitForSelector("#good-rows");
  await page.screenshot({ path: `${out}/customer-import-preview-${name}-zh.png`, fullPage: true });
  await page.locator("form[action$='/start'] button").click();
  await page.waitForSelector(".import-state .badge-ok", { timeout: 20_000 });
  await page.screenshot({ path: `${out}/customer-import-report-${name}-zh.png`, fullPage: true });
  await page.goto(`${baseUrl}/admin/segments`);
  await page.screenshot({ path: `${out}/segments-${name}-zh.png`, fullPage: true });
  await page.locator("table a").first().click();
  await page.screenshot({ path: `${out}/segment-${name}-zh.png`, fullPage: true });
  await browser.close();
}
const english = await launchBrowser({ locale: "en-US", viewport: { width: 1280, height: 800 } });
const page = await english.newPage();
await signIn(page);
await page.goto(`${baseUrl}/admin/customers?region=%E4%B8%8A%E6%B5%B7`);
await page.screenshot({ path: `${out}/customers-desktop-en.png` });
await page.goto(`${baseUrl}/admin/segments/new`);
await page.screenshot({ path: `${out}/segment-new-desktop-en.png`, fullPage: true });
await english.close();
