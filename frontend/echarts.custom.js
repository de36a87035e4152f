// The part of ECharts that canbo's charts use (reports/static/reports/dashboard.js: bar and line
// charts on a grid, with tooltip and legend, drawn on a canvas), bundled by `make setup` into
// static/vendor/echarts/echarts.custom.min.js as the global `echarts`. The full build is ~1.1 MB;
// a chart type or component added to a page must be added here too.
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

window.echarts = echarts;
