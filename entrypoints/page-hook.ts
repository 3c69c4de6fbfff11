import { installUPlotHook } from '@/lib/snapshot/hooks/uplot-hook';
import { installHighchartsHook } from '@/lib/snapshot/hooks/highcharts-hook';
import { installChartJsHook } from '@/lib/snapshot/hooks/chartjs-hook';
import { installApexHook } from '@/lib/snapshot/hooks/apexcharts-hook';
import { installVegaHook } from '@/lib/snapshot/hooks/vega-hook';
import { installEChartsHook } from '@/lib/snapshot/hooks/echarts-hook';

// Registered by the background for granted sites at document_start in the MAIN world, so charts that
// libraries without a reachable registry (uPlot; the ESM builds of Highcharts, Chart.js and ECharts; ApexCharts without an id; Vega views, canvas ones above all) build later
// are recorded where their adapters can read them.
export default defineUnlistedScript(() => {
  installUPlotHook(window);
  installHighchartsHook(window);
  installChartJsHook(window);
  installApexHook(window);
  installVegaHook(window);
  installEChartsHook(window);
});
