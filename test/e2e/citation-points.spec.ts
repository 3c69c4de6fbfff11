import type { Page } from '@playwright/test';
import { test, expect, extensionPage, readTabOnce, sendMessage, tabIdFor } from './fixtures';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';

// A citation points at exact data points: highlightChart with two x values rings them where the chart
// library drew them. The truth is asked from the library in the page itself (Chart.js meta, uPlot
// valToPos); the rings must sit within a few px of it, and the page's own elements stay untouched.

type Chart = DashboardSnapshot['charts'][number];
const TOLERANCE_PX = 3;

/** The chart container's markup, to compare before and after (Loupe's overlay lives outside it). */
const containerHtml = (page: Page, chartId: string) => page.evaluate((id) => {
  const el = Array.from(document.querySelectorAll('[data-loupe-chart]')).find((e) => e.getAttribute('data-loupe-chart') === id);
  return (el?.closest('section, article, .card, .panel') ?? el?.parentElement)?.outerHTML ?? '';
}, chartId);

/** The rings Loupe drew, viewport px (each mark is a fixed box at the ring's centre). */
const ringsOnPage = (page: Page) => page.evaluate(() => {
  const root = document.querySelector('[data-loupe-overlay]')?.shadowRoot;
  return Array.from(root?.querySelectorAll<HTMLElement>('.mark') ?? []).map((m) => ({
    label: m.querySelector('.label')?.textContent ?? '', left: parseFloat(m.style.left), top: parseFloat(m.style.top),
  }));
});

async function readBoard(page: Page, ext: Page, url: string, min: number): Promise<Chart[]> {
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(url);
  const tabId = await tabIdFor(ext, page.url());
  if (tabId == null) throw new Error(`no tab shows ${page.url()}`);
  let charts: Chart[] = [];
  // Charts draw after load: read again until the board's charts are all there.
  await expect(async () => {
    const outcome = await readTabOnce(ext, tabId);
    charts = outcome.ok ? outcome.snapshot.charts : [];
    expect(charts.length, JSON.stringify(outcome).slice(0, 300)).toBeGreaterThanOrEqual(min);
  }).toPass({ timeout: 20_000 });
  return charts;
}

async function markAndCompare(
  page: Page, ext: Page, chart: Chart, xs: string[],
  truth: (page: Page) => Promise<Array<{ left: number; top: number }>>, shot: string,
): Promise<void> {
  const before = await containerHtml(page, chart.id);
  const tabId = await tabIdFor(ext, page.url());
  const reply = await sendMessage(ext, 'highlightChart', { tabId, chartId: chart.id, points: xs, series: chart.series[0].name });
  expect(reply).toEqual({ ok: true, marked: 2 });
  await expect(page.locator('[data-loupe-overlay] .mark')).toHaveCount(2);
  await expect(page.locator(`[data-loupe-chart="${chart.id}"]`)).toBeInViewport();
  // Rings follow the smooth scroll; poll until both sit on the library's own positions.
  await expect.poll(async () => {
    const [rings, want] = await Promise.all([ringsOnPage(page), truth(page)]);
    if (rings.length !== want.length) return Infinity;
    return Math.max(...rings.map((r, i) => Math.hypot(r.left - want[i].left, r.top - want[i].top)));
  }, { message: `rings on ${chart.id} within ${TOLERANCE_PX}px of the library's positions` }).toBeLessThanOrEqual(TOLERANCE_PX);
  expect((await ringsOnPage(page)).map((r) => r.label)).toEqual(xs);
  await page.screenshot({ path: `test-results/${shot}.png` });
  expect(await containerHtml(page, chart.id)).toBe(before);
}

test('Chart.js (canvas): two cited days are ringed where Chart.js drew them', async ({ page, context, extensionId, serverUrl }) => {
  const ext = await extensionPage(context, extensionId);
  const charts = await readBoard(page, ext, `${serverUrl}/dashboards/growth-mixpanel/`, 4);
  const chart = charts.find((c) => c.source === 'chartjs' && c.kind === 'line')!;
  expect(chart).toBeTruthy();
  const pts = chart.series[0].points;
  const idx = [20, 60]; // the dataset's own indices of the cited days
  const xs = idx.map((j) => String(pts[j].x));
  try {
    await markAndCompare(page, ext, chart, xs, (p) => p.evaluate(({ id, idx }) => {
      const canvas = document.querySelector(`[data-loupe-chart="${id}"]`) as HTMLCanvasElement;
      type Meta = { data: Array<{ x: number; y: number }> };
      const ChartJs = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { getDatasetMeta(i: number): Meta } } }).Chart;
      const c = ChartJs.getChart(canvas);
      const r = canvas.getBoundingClientRect();
      return idx.map((j) => {
        const el = c.getDatasetMeta(0).data[j];
        return { left: r.left + el.x, top: r.top + el.y };
      });
    }, { id: chart.id, idx }), 'citation-points-chartjs');
  } finally {
    await ext.close();
  }
});

test('uPlot (canvas, page hook registry): two cited days are ringed at valToPos', async ({ page, context, extensionId, serverUrl }) => {
  const ext = await extensionPage(context, extensionId);
  const charts = await readBoard(page, ext, `${serverUrl}/dashboards/ops-grafana/`, 4);
  const chart = charts.find((c) => c.source === 'uplot' && c.series.length > 0 && c.series[0].points.length > 40)!;
  expect(chart).toBeTruthy();
  const pts = chart.series[0].points;
  const xs = [String(pts[10].x), String(pts[50].x)];
  try {
    await markAndCompare(page, ext, chart, xs, (p) => p.evaluate(({ id, xs }) => {
      const root = document.querySelector(`[data-loupe-chart="${id}"]`)!;
      const reg = (window as unknown as Record<symbol, Map<Element, unknown>>)[Symbol.for('loupe.uplot.registry')];
      const u = reg.get(root) as { data: number[][]; over: HTMLElement; valToPos(v: number, s: string): number };
      const r = u.over.getBoundingClientRect();
      return xs.map((x) => {
        const t = Date.parse(`${x}T00:00:00Z`);
        const j = u.data[0].findIndex((v) => v === t / 1000 || v === t);
        return { left: r.left + u.valToPos(u.data[0][j], 'x'), top: r.top + u.valToPos(u.data[1][j], 'y') };
      });
    }, { id: chart.id, xs }), 'citation-points-uplot');
  } finally {
    await ext.close();
  }
});

test('Recharts (bundled React, no globals): two cited days are ringed on the drawn area curve', async ({ page, context, extensionId, serverUrl }) => {
  const ext = await extensionPage(context, extensionId);
  const charts = await readBoard(page, ext, `${serverUrl}/dashboards/posthog-react/`, 4);
  const chart = charts.find((c) => c.source === 'recharts' && c.kind === 'area')!;
  expect(chart).toBeTruthy();
  const pts = chart.series[0].points;
  const idx = [15, 70];
  const xs = idx.map((j) => String(pts[j].x));
  try {
    // The truth is the SVG Recharts drew: its monotone curve passes through every point, each cubic
    // segment ending on the next one.
    await markAndCompare(page, ext, chart, xs, (p) => p.evaluate(({ id, idx }) => {
      const root = document.querySelector(`[data-loupe-chart="${id}"]`)!;
      const curve = root.querySelector('.recharts-area .recharts-area-curve') as SVGPathElement;
      const svg = curve.ownerSVGElement!;
      const d = curve.getAttribute('d')!;
      const nums = (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
      const vertices: Array<[number, number]> = [[nums[0], nums[1]]];
      for (let i = 2; i + 5 < nums.length; i += 6) vertices.push([nums[i + 4], nums[i + 5]]);
      const r = svg.getBoundingClientRect();
      return idx.map((j) => ({ left: r.left + vertices[j][0], top: r.top + vertices[j][1] }));
    }, { id: chart.id, idx }), 'citation-points-recharts');
  } finally {
    await ext.close();
  }
});
