// Draw the dashboard's charts from the JSON the page carries (the same numbers as its tables);
// again after htmx swaps in another year or unit.
(function () {
  function draw() {
    const source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) return;
    const data = JSON.parse(source.textContent);
    const fmt = (v) => Number(v).toLocaleString("vi-VN");
    const options = {
      kinds: {
        tooltip: { trigger: "axis", valueFormatter: fmt },
        legend: {},
        grid: { left: 120 },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: data.kinds.labels, inverse: true },
        series: [
          { name: "Kế hoạch", type: "bar", data: data.kinds.planned },
          { name: "Thực hiện", type: "bar", data: data.kinds.actual },
        ],
      },
      ranked: {
        tooltip: { trigger: "axis", valueFormatter: (v) => fmt(v) + "%" },
        grid: { left: 160 },
        xAxis: { type: "value" },
        yAxis: { type: "category", data: data.ranked.labels, inverse: true },
        series: [{ type: "bar", data: data.ranked.percent }],
      },
      years: {
        tooltip: { trigger: "axis", valueFormatter: fmt },
        legend: {},
        xAxis: { type: "category", data: data.years.labels },
        yAxis: { type: "value" },
        series: [
          { name: "Lượt người", type: "line", data: data.years.turns },
          { name: "Số người", type: "line", data: data.years.people },
        ],
      },
    };
    // Tooltips drawn on the canvas: echarts' HTML tooltips carry style attributes, which the
    // Content-Security-Policy refuses.
    Object.values(options).forEach((o) => Object.assign(o.tooltip, { renderMode: "richText" }));
    document.querySelectorAll("[data-chart]").forEach((el) => {
      const chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption(options[el.dataset.chart], true);
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSwap", draw);
})();
