import { installUPlotHook } from '@/lib/snapshot/hooks/uplot-hook';

// Registered by the background for granted sites at document_start in the MAIN world, so uPlot plots
// the page builds later are recorded where the uPlot adapter can read them.
export default defineUnlistedScript(() => {
  installUPlotHook(window);
});
