// Draw the dashboard's charts from the JSON the page carries (the same numbers as its tables);
// again after htmx swaps in another year or unit.
(function () {
  // Numbers as the offices write them whatever the browser's language: 30.000 and 104,2
  // (echarts' own labels would read 30,000 in an English browser).
  function vnNumber(value, decimals) {
    const n = Number(value);
    if (value === null || value === undefined || value === "" || !isFinite(n)) return "";
    let [whole, fraction] = Math.abs(n).toFixed(decimals === undefined ? 2 : decimals).split(".");
    if (decimals === undefined && fraction) fraction = fraction.replace(/0+$/, "");
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    // No "-0,0": a tiny negative that rounds to zero is zero (as core.text.format_number writes it).
    const zero = /^0*$/.test(whole + (fraction || ""));
    return (n < 0 && !zero ? "-" : "") + grouped + (fraction ? "," + fraction : "");
  }
  const vnPercent = (value) => (vnNumber(value) === "" ? "" : vnNumber(value, 1) + "%");
  window.canboNumber = vnNumber;

  function draw() {
    const source = document.getElementById("dashboard-data");
    if (!source || !window.echarts) return;
    const data = JSON.parse(source.textContent);
    const fmt = (v) => vnNumber(v);
    const axis = (formatter) => ({ type: "value", axisLabel: { formatter } });
    const options = {
      kinds: {
        tooltip: { trigger: "axis", valueFormatter: fmt },
        legend: {},
        grid: { left: 120 },
        xAxis: axis(fmt),
        yAxis: { type: "category", data: data.kinds.labels, inverse: true },
        series: [
          { name: "Kế hoạch", type: "bar", data: data.kinds.planned },
          { name: "Thực hiện", type: "bar", data: data.kinds.actual },
        ],
      },
      ranked: {
        tooltip: { trigger: "axis", valueFormatter: vnPercent },
        grid: { left: 160 },
        xAxis: axis((v) => vnNumber(v) + "%"),
        yAxis: { type: "category", data: data.ranked.labels, inverse: true },
        series: [{ type: "bar", data: data.ranked.percent }],
      },
      years: {
        tooltip: { trigger: "axis", valueFormatter: fmt },
        legend: {},
        xAxis: { type: "category", data: data.years.labels },
        yAxis: axis(fmt),
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
