import type { Adapter } from '../adapter';
import { chartjs } from './chartjs';
import { echarts } from './echarts';
import { highcharts } from './highcharts';
import { plotly } from './plotly';
import { apexcharts } from './apexcharts';
import { vega } from './vega';
import { uplot } from './uplot';
import { react } from './react';
import { vue } from './vue';
import { d3 } from './d3';
import { table } from './table';
import { svg } from './svg';
import { canvas } from './canvas';

/** Every chart source Loupe reads, in the order they run. Library registries come first (exact data),
 *  then framework state for bundled apps, then bound data, then the DOM-only readers (ISOLATED world):
 *  tables, SVG geometry (estimated) and bare canvases (a note only). The first adapter to read an
 *  element claims it. */
export const adapters: readonly Adapter[] = [
  chartjs, echarts, highcharts, plotly, apexcharts, vega, uplot, react, vue, d3,
  table, svg, canvas,
];
