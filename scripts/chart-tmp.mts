import { writeFileSync } from "node:fs";
import { reportChartImages } from "../src/reports/report-charts.ts";
const view = {
  charts: {
    trend: { labels: ["25年11月", "25年12月", "26年1月"], scores: [86.1, null, 88.2], lower: [], upper: [], scoreLabel: "得分", ciLabel: "" },
    dimensions: { labels: ["诚心", "诚信", "诚行"], scores: [90.1, 85.3, 84.2] },
    distribution: { labels: ["客服人员的服务态度", "理赔结果"], levels: [{ label: "非常满意", shares: [40, 20] }, { label: "满意", shares: [40, 50] }, { label: "基本满意", shares: [15, 20] }, { label: "不满意", shares: [5, 10] }] },
  },
} as never;
const t = Date.now();
const images = reportChartImages(view);
console.log("ms", Date.now() - t);
for (const image of images) writeFileSync(`/tmp/shots/${image.filename}`, image.png);
