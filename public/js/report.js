// Draws the satisfaction report's charts with Chart.js from the JSON the page carries.
// Animations are off so that printing (and the PDF) always shows finished charts.
(() => {
  const source = document.getElementById("report-charts");
  if (!source || typeof window.Chart === "undefined") {
    document.documentElement.dataset.chartsReady = "1";
    return;
  }
  const data = JSON.parse(source.textContent || "{}");
  const Chart = window.Chart;
  Chart.defaults.animation = false;
  Chart.defaults.font.family =
    'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", sans-serif';
  Chart.defaults.color = "#1d2733";
  Chart.defaults.maintainAspectRatio = false;
  const BRAND = "#0f5c8c";
  const LEVEL_COLORS = ["#1b7a3d", "#6fbf73", "#f0b429", "#c0392b", "#7f8c8d", "#95a5a6", "#bdc3c7"];
  const QUADRANT_COLORS = {
    concentrate_here: "#c0392b",
    keep_up_the_good_work: "#1b7a3d",
    low_priority: "#7f8c8d",
    possible_overkill: "#f0b429",
  };
  const KANO_COLORS = { A: "#1b7a3d", O: "#0f5c8c", M: "#c0392b", I: "#7f8c8d", R: "#8e44ad", Q: "#95a5a6" };

  const canvas = (id) => document.getElementById(id);
  const labelsPlugin = {
    // Writes each point's label next to it (scatter charts).
    id: "pointLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `11px ${Chart.defaults.font.family}`;
      ctx.fillStyle = "#1d2733";
      // Points close together would print their labels over each other: each label takes the first
      // of four places around its point that no earlier label occupies.
      const placed = [];
      const overlaps = (box) =>
        placed.some(
          (p) => box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h,
        );
      chart.data.datasets.forEach((dataset, datasetIndex) => {
        if (!dataset.pointLabels) return;
        chart.getDatasetMeta(datasetIndex).data.forEach((point, index) => {
          const label = dataset.data[index]?.label;
          if (!label) return;
          const text = label.length > 14 ? `${label.slice(0, 13)}…` : label;
          const w = ctx.measureText(text).width;
          const h = 12;
          const places = [
            { x: point.x + 6, y: point.y - 6 - h },
            { x: point.x + 6, y: point.y + 6 },
            { x: point.x - 6 - w, y: point.y - 6 - h },
            { x: point.x - 6 - w, y: point.y + 6 },
          ].map((place) => ({ ...place, w, h }));
          const box = places.find((place) => !overlaps(place)) ?? places[0];
          placed.push(box);
          ctx.fillText(text, box.x, box.y + h - 2);
        });
      });
      ctx.restore();
    },
  };
  const crosshairPlugin = {
    id: "crosshair",
    beforeDatasetsDraw(chart, _args, options) {
      if (!options || options.x === undefined) return;
      const { ctx, chartArea, scales } = chart;
      ctx.save();
      ctx.strokeStyle = "#566575";
      ctx.setLineDash([5, 4]);
      const x = scales.x.getPixelForValue(options.x);
      const y = scales.y.getPixelForValue(options.y);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.restore();
    },
  };

  if (canvas("chart-dimensions") && data.dimensions?.labels.length) {
    new Chart(canvas("chart-dimensions"), {
      type: "bar",
      data: {
        labels: data.dimensions.labels,
        datasets: [{ data: data.dimensions.scores, backgroundColor: BRAND, borderRadius: 4 }],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { min: 50, max: 100 } },
      },
    });
  }
  if (canvas("chart-radar") && data.dimensions?.labels.length >= 3) {
    new Chart(canvas("chart-radar"), {
      type: "radar",
      data: {
        labels: data.dimensions.labels,
        datasets: [
          {
            data: data.dimensions.scores,
            borderColor: BRAND,
            backgroundColor: "rgba(15, 92, 140, 0.18)",
            pointBackgroundColor: BRAND,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        layout: { padding: 12 },
        scales: {
          r: {
            min: 60,
            max: 100,
            ticks: { stepSize: 10, backdropColor: "transparent", font: { size: 10 } },
            pointLabels: { font: { size: 13 } },
          },
        },
      },
    });
  }
  if (canvas("chart-distribution") && data.distribution?.labels.length) {
    new Chart(canvas("chart-distribution"), {
      type: "bar",
      data: {
        labels: data.distribution.labels,
        datasets: data.distribution.levels.map((level, index) => ({
          label: level.label,
          data: level.shares,
          backgroundColor: LEVEL_COLORS[index % LEVEL_COLORS.length],
        })),
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { position: "bottom" } },
        scales: {
          x: { stacked: true, min: 0, max: 100, ticks: { callback: (value) => `${value}%` } },
          y: { stacked: true, ticks: { autoSkip: false } },
        },
      },
    });
  }
  if (canvas("chart-kano") && data.kano?.length) {
    new Chart(canvas("chart-kano"), {
      type: "scatter",
      data: {
        datasets: [
          {
            pointLabels: true,
            data: data.kano.map((point) => ({ x: point.x, y: point.y, label: point.label })),
            pointBackgroundColor: data.kano.map((point) => KANO_COLORS[point.category] || BRAND),
            pointRadius: 6,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false }, crosshair: { x: 0.5, y: 0.5 } },
        layout: { padding: { right: 90, top: 10 } },
        scales: {
          x: { min: 0, max: 1, title: { display: true, text: "Better" } },
          y: { min: 0, max: 1, title: { display: true, text: "|Worse|" } },
        },
      },
      plugins: [labelsPlugin, crosshairPlugin],
    });
  }
  if (canvas("chart-ipa") && data.ipa?.points.length) {
    new Chart(canvas("chart-ipa"), {
      type: "scatter",
      data: {
        datasets: [
          {
            pointLabels: true,
            data: data.ipa.points.map((point) => ({ x: point.x, y: point.y, label: point.label })),
            pointBackgroundColor: data.ipa.points.map((point) => QUADRANT_COLORS[point.quadrant]),
            pointRadius: 6,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          crosshair: { x: data.ipa.crosshair.importance, y: data.ipa.crosshair.performance },
        },
        layout: { padding: { right: 90, top: 10 } },
        scales: {
          x: { title: { display: true, text: data.ipa.xLabel }, grace: "10%" },
          y: { title: { display: true, text: data.ipa.yLabel }, grace: "5%" },
        },
      },
      plugins: [labelsPlugin, crosshairPlugin],
    });
  }
  if (canvas("chart-servqual") && data.servqual) {
    new Chart(canvas("chart-servqual"), {
      type: "bar",
      data: {
        labels: data.servqual.labels,
        datasets: [
          {
            label: data.servqual.expectationLabel,
            data: data.servqual.expectation,
            backgroundColor: "#9fb8cc",
          },
          { label: data.servqual.perceptionLabel, data: data.servqual.perception, backgroundColor: BRAND },
        ],
      },
      options: { plugins: { legend: { position: "bottom" } }, scales: { y: { min: 1, max: 7 } } },
    });
  }
  if (canvas("chart-trend") && data.trend?.labels.length) {
    new Chart(canvas("chart-trend"), {
      type: "line",
      data: {
        labels: data.trend.labels,
        datasets: [
          {
            label: data.trend.scoreLabel,
            data: data.trend.scores,
            borderColor: BRAND,
            backgroundColor: BRAND,
            tension: 0.2,
            spanGaps: false,
          },
          {
            label: data.trend.ciLabel,
            data: data.trend.upper,
            borderColor: "rgba(15, 92, 140, 0.25)",
            pointRadius: 0,
            fill: "+1",
            backgroundColor: "rgba(15, 92, 140, 0.10)",
          },
          {
            label: "",
            data: data.trend.lower,
            borderColor: "rgba(15, 92, 140, 0.25)",
            pointRadius: 0,
            fill: false,
          },
        ],
      },
      options: {
        plugins: { legend: { position: "bottom", labels: { filter: (item) => item.text !== "" } } },
        scales: { y: { suggestedMin: 80, suggestedMax: 100 } },
      },
    });
  }
  document.documentElement.dataset.chartsReady = "1";
})();
