// Where the points a citation rests on are drawn, so the highlight can ring them. Runs in the page's
// MAIN world (entrypoints/locate-points.ts), where the chart libraries' objects are reachable: canvas
// charts have no element per point, so only the library's own pixel mapping knows where a point is.
// Read-only: it asks the libraries and measures elements, never changes the page. Page objects are
// untrusted, so every locator is guarded and its failure becomes a note; the background validates
// the result again.
import { findChartElement } from '@/lib/snapshot/dom';
import type { LocateResult } from './locate/common';
import { locateChartJs, locateECharts, locateHighcharts, type Locator } from './locate/canvas-libs';
import { locateApex, locatePlotly, locateUPlot } from './locate/plot-libs';
import { locateBoundSvg, locateTable } from './locate/dom-marks';
import { locateRecharts } from './locate/recharts';

export type { LocatedPoint, LocateResult } from './locate/common';

/** Most specific first: a library instance behind the element, then marks bound to data, then tables. */
const LOCATORS: ReadonlyArray<[string, Locator]> = [
  ['chartjs', locateChartJs], ['echarts', locateECharts], ['highcharts', locateHighcharts],
  ['plotly', locatePlotly], ['uplot', locateUPlot], ['apexcharts', locateApex], ['recharts', locateRecharts],
  ['svg', locateBoundSvg], ['table', locateTable],
];

export function locatePoints(
  win: Window, doc: Document, chartId: string, xs: ReadonlyArray<string | number>, series?: string,
): LocateResult {
  const notes: string[] = [];
  const el = findChartElement(doc, chartId);
  if (!el) return { points: [], method: 'none', notes: ['That chart is no longer on the page.'] };
  const wanted = xs.filter((x) => typeof x === 'string' || typeof x === 'number' && Number.isFinite(x));
  if (!wanted.length) return { points: [], method: 'none', notes: [] };
  for (const [id, locate] of LOCATORS) {
    let result: LocateResult | null = null;
    try {
      result = locate(win, el, wanted, series);
    } catch (err) {
      notes.push(`The ${id} locator stopped: ${err instanceof Error ? err.message.slice(0, 160) : 'error'}`);
    }
    // A library that recognised the chart answers, even with no points (its notes say why).
    if (result) return { ...result, notes: [...notes, ...result.notes].slice(0, 20) };
  }
  notes.push('Loupe cannot tell where points are drawn on this kind of chart; the chart is outlined.');
  return { points: [], method: 'none', notes };
}

