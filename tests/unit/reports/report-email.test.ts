import { describe, expect, test } from "vitest";
import { reportEmail } from "../../../src/reports/report-email.ts";
import { buildReportModel } from "../../../src/reports/report-model.ts";
import { reportView } from "../../../src/reports/report-view.ts";
import { reportInputs, totals, version1 } from "./sections/fixtures.ts";

// The scheduled report's e-mail, rendered from views/pages/report-email.hbs in the e-mail layout.
const model = buildReportModel(
  reportInputs({
    current: version1({
      "set:a1,a2,b1": totals({ n: 40, sum: 3_600, sumSq: 326_000 }),
      "set:a1,a2": totals({ n: 40, sum: 3_400, sumSq: 293_500 }),
      "set:b1": totals({ n: 12, sum: 1_080, sumSq: 97_500 }),
      responses: totals({ n: 40 }),
    }),
  }),
);
const options = {
  reportUrl: "https://manyi.example/admin/reports?questionnaire=7&period=2026-10",
  images: [{ cid: "trend", title: "Trend" }],
  timeZone: "Asia/Shanghai",
};

describe("report e-mail", () => {
  test("subject, HTML with inline styles and the chart by cid, plain text", async () => {
    const email = await reportEmail(reportView(model, "en"), "en", options);
    expect(email.subject).toBe("Service survey · October 2026 · Score 90.0 Good");
    expect(email.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(email.html).toContain("<title>Service survey · October 2026 · Score 90.0 Good</title>");
    expect(email.html).toContain(">90.0</div>");
    expect(email.html).toContain('<img src="cid:trend" alt="Trend" width="640"');
    expect(email.html).toContain(">Sincerity</td>");
    expect(email.html).toContain(
      'href="https://manyi.example/admin/reports?questionnaire&#x3D;7&amp;period&#x3D;2026-10"',
    );
    // mail clients ignore style sheets and classes
    expect(email.html).not.toMatch(/<style|<link|\sclass=/);
    expect(email.text.split("\n")).toEqual(
      expect.arrayContaining([
        "Service survey · October 2026",
        "Score: 90.0 (Good)",
        "Sincerity: 85.0* (Good) no comparison: fewer than 30 respondents in September 2026",
        "Integrity: fewer than 30 respondents",
        `Open the full report: ${options.reportUrl}`,
      ]),
    );
    // the dimension of 12 respondents is withheld, the flagged one marked; changes are tested line by line
    expect(email.html).toContain(">fewer than 30 respondents</td>");
    expect(email.html).toContain("85.0 *</td>");
    expect(email.html).toContain("without adjustment for multiple comparisons");
  });

  test("fewer than 30 respondents, unfiltered too: no score, the reason instead", async () => {
    const small = buildReportModel(
      reportInputs({
        current: version1({ "set:a1,a2,b1": totals({ n: 1, sum: 100 }), responses: totals({ n: 1 }) }),
      }),
    );
    const email = await reportEmail(reportView(small, "en"), "en", { ...options, images: [] });
    expect(email.subject).toBe("Service survey · October 2026");
    expect(email.html).not.toContain("font-size:40px");
    expect(email.html).toContain("Fewer than 30 respondents: the scores");
    expect(email.text).toContain("Fewer than 30 respondents: the scores");
    expect(email.text).not.toContain("100.0");
  });

  test("texts from the questionnaire are escaped; the e-mail speaks the schedule's language", async () => {
    const view = { ...reportView(model, "zh-CN"), title: "服务 <script>alert(1)</script> & 满意" };
    const email = await reportEmail(view, "zh-CN", { ...options, images: [] });
    expect(email.html).toContain('<html lang="zh-CN">');
    expect(email.html).toContain("服务 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 满意");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("诚心");
    expect(email.html).not.toContain("<img");
  });

  test("a period without answers says so, without a score", async () => {
    const empty = reportView(buildReportModel(reportInputs()), "en");
    const email = await reportEmail(empty, "en", { ...options, images: [] });
    expect(email.subject).toBe("Service survey · October 2026");
    expect(email.html).not.toContain("font-size:40px");
    expect(email.html).toContain("No responses in October 2026");
  });

  test("a score just under a boundary is shown cut beside its grade, never as the boundary", async () => {
    // overall 16991/200 = 84.955 (一般), 诚心 3798/40 = 94.95 (良好)
    const near = buildReportModel(
      reportInputs({
        current: version1({
          "set:a1,a2,b1": totals({ n: 200, sum: 16_991, sumSq: 1_443_700 }),
          "set:a1,a2": totals({ n: 40, sum: 3798, sumSq: 360_700 }),
          responses: totals({ n: 200 }),
        }),
      }),
    );
    expect(near.headline).toMatchObject({ score: 84.955, grade: "average" });
    const email = await reportEmail(reportView(near, "zh-CN"), "zh-CN", { ...options, images: [] });
    expect(email.subject).toContain("得分 84.9 一般");
    expect(email.html).toContain(">84.9</div>");
    expect(email.text).toContain("得分: 84.9 (一般)");
    expect(email.text).toContain("诚心: 94.9* (良好)");
    for (const part of [email.subject, email.html, email.text]) {
      expect(part).not.toContain("85.0");
      expect(part).not.toContain("95.0");
    }
  });
});
