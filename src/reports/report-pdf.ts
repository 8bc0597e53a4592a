import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export class PdfUnavailableError extends Error {
  override name = "PdfUnavailableError";
}

/**
 * Prints a self-contained HTML page (styles and scripts inline) to an A4 PDF with Chromium, after its
 * charts are drawn. The viewport is the printable width, so charts are drawn at the size they print.
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new PdfUnavailableError(`Chromium was not found at ${chromiumPath} (set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--no-first-run",
      "--disable-extensions",
    ],
  });
  try {
    // A4 width less the 12 mm margins, at 96 dpi.
    const page = await browser.newPage({ viewport: { width: 703, height: 1000 } });
    await page.emulateMedia({ media: "print" });
    await page.setContent(html, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.chartsReady === "1", undefined, {
      timeout: 10_000,
    });
    return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
