import { existsSync } from "node:fs";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { Chart, type ChartConfiguration, registerables } from "chart.js";
import type { ReportView } from "./report-view.ts";

/**
 * The report's main charts as PNG images for email (mail clients run no JavaScript): Chart.js drawing
 * on @napi-rs/canvas, with a CJK font registered so Chinese labels render.
 */

Chart.register(...registerables);

const FONT_FAMILY = "Noto Sans CJK SC";
const FONT_FILES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
];
let fontsReady = false;
function registerFonts() {
  if (fontsReady) return;
  fontsReady = true;
  const file = FONT_FILES.find((candidate) => existsSync(candidate));
  if (file) GlobalFonts.registerFromPath(file, FONT_FAMILY);
}

const BRAND = "#0f5c8c";
const LEVEL_COLORS = ["#1b7a3d", "#6fbf73", "#f0b429", "#c0392b", "#7f8c8d", "#95a5a6"];

function render(config: ChartConfiguration, width: number, height: number): Buffer {
  registerFonts();
  // Chart.js sizes the canvas to width × height × devicePixelRatio (sharp on high-density screens).
  const scale = 2;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.color = "#1d2733";
  const chart = new Chart(
    context as unknown as CanvasRenderingContext2D,
    {
      ...config,
      options: {
        ...config.options,
        responsive: false,
        animation: false,
        devicePixelRatio: scale,
        plugins: { ...config.options?.plugins },
      },
      plugins: [
        {
          id: "whiteBackground",
          beforeDraw: (drawn: Chart) => {
            drawn.ctx.save();
            drawn.ctx.fillStyle = "#ffffff";
            drawn.ctx.fillRect(0, 0, drawn.width, drawn.height);
            drawn.ctx.restore();
          },
        },
      ],
    } as ChartConfiguration,
  );
  const png = canvas.toBuffer("image/png");
  chart.destroy();
  return png;
}

export interface ChartImage {
  cid: string;
  filename: string;
  png: Buffer;
}

/** Trend, dimensions and answer distribution, as far as the report has them. */
export function reportChartImages(view: ReportView): ChartImage[] {
  const images: ChartImage[] = [];
  const { charts } = view;
  if (charts.trend.scores.some((score) => score !== null)) {
    images.push({
      cid: "trend",
      filename: "trend.png",
      png: render(
        {
          type: "line",
          data: {
            labels: charts.trend.labels,
            datasets: [
              {
                label: charts.trend.scoreLabel,
                data: charts.trend.scores,
                borderColor: BRAND,
                backgroundColor: BRAND,
                tension: 0.2,
              },
            ],
          },
          options: {
            plugins: { legend: { display: false } },
            scales: { y: { suggestedMin: 80, suggestedMax: 100 } },
          },
        },
        640,
        260,
      ),
    });
  }
  if (charts.dimensions.labels.length > 0) {
    images.push({
      cid: "dimensions",
      filename: "dimensions.png",
      png: render(
        {
          type: "bar",
          data: {
            labels: charts.dimensions.labels,
            datasets: [{ data: charts.dimensions.scores, backgroundColor: BRAND, borderRadius: 4 }],
          },
          options: { plugins: { legend: { display: false } }, scales: { y: { min: 50, max: 100 } } },
        },
        640,
        260,
      ),
    });
  }
  if (charts.distribution.labels.length > 0) {
    images.push({
      cid: "distribution",
      filename: "distribution.png",
      png: render(
        {
          type: "bar",
          data: {
            labels: charts.distribution.labels,
            datasets: charts.distribution.levels.map((level, index) => ({
              label: level.label,
              data: level.shares,
              backgroundColor: LEVEL_COLORS[index % LEVEL_COLORS.length],
            })),
          },
          options: {
            indexAxis: "y",
            plugins: { legend: { position: "bottom" } },
            scales: {
              x: { stacked: true, min: 0, max: 100 },
              y: { stacked: true, ticks: { autoSkip: false } },
            },
          },
        },
        640,
        40 + 30 * charts.distribution.labels.length + 40,
      ),
    });
  }
  return images;
}
