import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export class PdfUnavailableError extends Error {
  override name = "PdfUnavailableError";
}

// One Chromium is kept warm between PDFs (starting it is most of a PDF's time) and closed after a
// minute without work, or by closePdfBrowser() when the app stops.
const IDLE_MS = 60_000;
let browser: Promise<Browser> | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let active = 0;

function launch(chromiumPath: string): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
      ],
    })
    .then((launched) => {
      launched.on("disconnected", () => {
        browser = undefined;
      });
      return launched;
    })
    .catch((error: unknown) => {
      browser = undefined;
      throw error;
    });
  return browser;
}

/** Closes the shared Chromium, if one is running. */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idleTimer);
  const running = browser;
  browser = undefined;
  if (running) await (await running.catch(() => undefined))?.close();
}

/**
 * "1 / 3" at the foot of every page, in the bottom margin that report.css's @page leaves. Chromium fills
 * the spans; the template has none of the page's styles, so it sets its own size and colour.
 */
const PAGE_NUMBER_FOOTER =
  '<div style="width:100%;font-size:9px;color:#566575;text-align:center;font-family:sans-serif">' +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * Prints a self-contained HTML page (styles and scripts inline) to an A4 PDF with Chromium, after its
 * charts are drawn, with page numbers at the foot of each page. The viewport is the printable width, so
 * charts are drawn at the size they print.
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new PdfUnavailableError(`Chromium was not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  }
  clearTimeout(idleTimer);
  active += 1;
  try {
    const context = await (await launch(chromiumPath)).newContext({ viewport: { width: 703, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.emulateMedia({ media: "print" });
      await page.setContent(html, { waitUntil: "load" });
      await page.waitForFunction(() => document.documentElement.dataset.chartsReady === "1", undefined, {
        timeout: 10_000,
      });
      return await page.pdf({
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: PAGE_NUMBER_FOOTER,
      });
    } finally {
      await context.close();
    }
  } finally {
    active -= 1;
    if (active === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), IDLE_MS);
      idleTimer.unref();
    }
  }
}
