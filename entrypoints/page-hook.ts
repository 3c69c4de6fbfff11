import { installUPlotHook } from '@/lib/snapshot/hooks/uplot-hook';
import { installHighchartsHook } from '@/lib/snapshot/hooks/highcharts-hook';

// Registered by the background for granted sites at document_start in the MAIN world, so charts that
// libraries without a reachable registry (uPlot; Highcharts' ESM build) build later are recorded where
// their adapters can read them.
export default defineUnlistedScript(() => {
  installUPlotHook(window);
  installHighchartsHook(window);
});
