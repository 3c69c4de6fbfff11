import type { CaptureOutcome, ChartShot } from '@/lib/messaging/protocol';
import type { ExportChart } from '@/lib/export/schema';
import type { Located } from './locate/in-tab';

// Chart images for the reviewer export. The background scrolls each chart into view and captures the
// visible tab (a browser API only it may call); the panel crops the capture to the chart with an
// OffscreenCanvas and rings the cited points, so the image carries its marks even where the HTML
// report's overlay is lost (Markdown, JSON).

/** Chrome allows about two captureVisibleTab calls a second; faster ones fail. */
export const CAPTURE_GAP_MS = 600;

export interface PageBox { left: number; top: number; width: number; height: number; scrollX: number; scrollY: number; dpr: number; viewportWidth: number }

/** What the background needs from the browser; tests pass a fake. */
export interface CaptureTabApi {
  /** The tab's window and whether it is the one shown in that window. */
  tabState(tabId: number): Promise<{ windowId: number; active: boolean }>;
  /** Puts the tab in front of its window; answers the tab that was in front before (null: none or
   *  this one), to put back once the charts are taken. */
  bringToFront(tabId: number, windowId: number): Promise<number | null>;
  /** Puts a tab back in front of its window. */
  restore(tabId: number): Promise<void>;
  /** Scrolls the chart into view and answers its box, or null when the page has no such chart. */
  scrollToChart(tabId: number, chartId: string): Promise<PageBox | null>;
  captureVisible(windowId: number): Promise<string>;
  /** Where cited points are drawn (page coordinates), or null. */
  locate(tabId: number, chartId: string, xs: Array<string | number>, series?: string): Promise<Located | null>;
  wait(ms: number): Promise<void>;
  /** Milliseconds, for pacing captures across exports. */
  now(): number;
}

// When each browser API last captured: two exports in a row (HTML, then JSON) must not go over the
// browser's rate limit either.
const lastShot = new WeakMap<CaptureTabApi, number>();

/** One capture, at least CAPTURE_GAP_MS after the previous one; a capture refused for going too fast
 *  (another extension may be capturing too) is tried once more after a gap. */
async function pacedCapture(api: CaptureTabApi, windowId: number): Promise<string> {
  const since = api.now() - (lastShot.get(api) ?? Number.NEGATIVE_INFINITY);
  if (since < CAPTURE_GAP_MS) await api.wait(CAPTURE_GAP_MS - since);
  try {
    return await api.captureVisible(windowId);
  } catch (err) {
    if (!/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND|quota|too many/i.test(message(err))) throw err;
    await api.wait(CAPTURE_GAP_MS);
    return await api.captureVisible(windowId);
  } finally {
    lastShot.set(api, api.now());
  }
}

// Runs inside the page (serialized by executeScript): only its arguments and the page's globals.
export async function scrollToChartInPage(chartId: string): Promise<PageBox | null> {
  // The document first, then open shadow roots (charts inside web components).
  const roots: ParentNode[] = [document];
  for (let i = 0; i < roots.length && roots.length < 2000; i++) {
    roots[i].querySelectorAll('*').forEach((e) => { if (e.shadowRoot) roots.push(e.shadowRoot); });
  }
  const el = roots.flatMap((r) => Array.from(r.querySelectorAll('[data-loupe-chart]'))).find((e) => e.getAttribute('data-loupe-chart') === chartId);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
  // Two frames: the scroll is painted before the capture.
  await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height, scrollX: window.scrollX, scrollY: window.scrollY, dpr: window.devicePixelRatio || 1, viewportWidth: document.documentElement.clientWidth || window.innerWidth };
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}

function pct(v: number): number {
  return Math.min(100, Math.max(0, Math.round(v * 100) / 100));
}

/** The background's side: one capture per chart, in order, paced under the browser's rate limit. */
export async function captureChartsInTab(
  api: CaptureTabApi,
  data: { tabId: number; chartIds: string[]; points?: Record<string, Array<{ x: string | number; series?: string }>> },
): Promise<CaptureOutcome> {
  let tab: { windowId: number; active: boolean };
  try { tab = await api.tabState(data.tabId); } catch (err) {
    return { ok: false, message: `Loupe could not find the dashboard tab: ${message(err)}`, shots: [] };
  }
  // captureVisibleTab takes whatever the window shows: another tab in front (the panel opened as a
  // tab, or a tab the person switched to) would be exported instead, so the dashboard is put in front
  // for the capture and whatever was in front is put back afterwards.
  let before: number | null = null;
  try { before = await api.bringToFront(data.tabId, tab.windowId); } catch { /* checked below */ }
  try {
    if (!(await api.tabState(data.tabId).catch(() => tab)).active) {
      return { ok: false, message: 'The dashboard tab is not the one in front, so its charts could not be captured.', shots: [] };
    }
    return await captureEach(api, tab.windowId, data);
  } finally {
    if (before !== null && before !== data.tabId) await api.restore(before).catch(() => undefined);
  }
}

async function captureEach(
  api: CaptureTabApi, windowId: number,
  data: { tabId: number; chartIds: string[]; points?: Record<string, Array<{ x: string | number; series?: string }>> },
): Promise<CaptureOutcome> {
  const shots: ChartShot[] = [];
  for (const chartId of data.chartIds.slice(0, 30)) {
    try {
      const box = await api.scrollToChart(data.tabId, chartId);
      if (!box || box.width < 2 || box.height < 2) { shots.push({ chartId, ok: false, message: 'The chart is not on the page any more.' }); continue; }
      const dataUrl = await pacedCapture(api, windowId);
      const located: Extract<ChartShot, { ok: true }>['located'] = [];
      const bySeries = new Map<string | undefined, Array<string | number>>();
      for (const p of data.points?.[chartId] ?? []) bySeries.set(p.series, [...(bySeries.get(p.series) ?? []), p.x]);
      for (const [series, xs] of bySeries) {
        const found = await api.locate(data.tabId, chartId, xs, series).catch(() => null);
        for (const p of found?.points ?? []) {
          // Located points are page coordinates; the box is the viewport's, at this scroll.
          const x = p.left - box.scrollX - box.left;
          const y = p.top - box.scrollY - box.top;
          if (x < 0 || y < 0 || x > box.width || y > box.height) continue;
          located.push({ x: p.x, ...(p.series ? { series: p.series } : {}), xPct: pct((x / box.width) * 100), yPct: pct((y / box.height) * 100) });
        }
      }
      shots.push({ chartId, ok: true, dataUrl, rect: { left: box.left, top: box.top, width: box.width, height: box.height }, dpr: box.dpr, viewportWidth: box.viewportWidth, located });
    } catch (err) {
      shots.push({ chartId, ok: false, message: message(err) });
    }
  }
  const failed = shots.filter((s) => !s.ok);
  return failed.length === shots.length && shots.length > 0
    ? { ok: false, message: `No chart could be captured: ${failed[0].ok ? '' : failed[0].message}`, shots }
    : { ok: true, shots };
}

/** The part of a 2D context the marks need (OffscreenCanvas in the panel; a fake in tests). */
export type MarkCanvas = Pick<OffscreenCanvasRenderingContext2D,
  'beginPath' | 'arc' | 'stroke' | 'fillRect' | 'fillText' | 'measureText'> & {
  lineWidth: number; strokeStyle: unknown; fillStyle: unknown; font: string;
};

const FINDING_COLOUR = '#c2410c';
const EVIDENCE_COLOUR = '#1d4ed8';

/** Rings each mark on the crop with its id in a tag beside it: findings (F…) large and orange, the
 *  points their evidence cites (E…) small and blue. A white halo keeps them legible on any chart. */
export function drawMarks(ctx: MarkCanvas, marks: Array<{ xPct: number; yPct: number; ref: string }>, w: number, h: number, d: number): void {
  ctx.font = `600 ${Math.round(11 * d)}px sans-serif`;
  for (const m of marks) {
    const finding = m.ref.startsWith('F');
    const colour = finding ? FINDING_COLOUR : EVIDENCE_COLOUR;
    const r = (finding ? 9 : 5) * d;
    const x = (m.xPct / 100) * w;
    const y = (m.yPct / 100) * h;
    for (const [style, width] of [['#ffffff', 4 * d], [colour, 2 * d]] as const) {
      ctx.strokeStyle = style;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.stroke();
    }
    // The tag sits above right of a finding and below right of evidence, kept inside the crop.
    const tw = ctx.measureText(m.ref).width + 6 * d;
    const th = 15 * d;
    const tx = Math.min(Math.max(0, x + r + 2 * d), Math.max(0, w - tw));
    const ty = Math.min(Math.max(0, finding ? y - r - th : y + r), Math.max(0, h - th));
    ctx.fillStyle = colour;
    ctx.fillRect(tx, ty, tw, th);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(m.ref, tx + 3 * d, ty + 11.5 * d);
  }
}

export interface MarkWanted { ref: string; x: string | number; series?: string; label?: string }

/** Why a capture cannot be cropped to its chart, or null. The capture is the window's view of the
 *  tab from its top left: normally the tab's viewport, but a window smaller than the page's layout
 *  (a test browser emulating a viewport) shows only part of it. A chart that is not wholly inside the
 *  image would be exported cut off or blank, so it is refused. */
export function captureProblem(image: { width: number; height: number }, shot: Pick<Extract<ChartShot, { ok: true }>, 'rect' | 'dpr' | 'viewportWidth'>): string | null {
  const { left, top, width, height } = shot.rect;
  const d = shot.dpr;
  const slack = 2;
  if (Math.abs(image.width - shot.viewportWidth * d) <= slack && top >= 0 && (top + height) * d <= image.height + slack) return null;
  const inside = left >= 0 && top >= 0 && (left + width) * d <= image.width + slack && (top + height) * d <= image.height + slack;
  return inside ? null : 'the screenshot did not show the whole chart (keep the dashboard tab in front, in a window wide enough for it, while exporting)';
}

/** Crops a capture to its chart and rings the marks (percent of the box); the panel's side. */
export async function cropShot(shot: Extract<ChartShot, { ok: true }>, marks: Array<{ xPct: number; yPct: number; ref: string }>): Promise<string> {
  const bitmap = await createImageBitmap(await (await fetch(shot.dataUrl)).blob());
  const { left, top, width, height } = shot.rect;
  const d = shot.dpr;
  const problem = captureProblem({ width: bitmap.width, height: bitmap.height }, shot);
  if (problem) throw new Error(problem);
  const w = Math.max(1, Math.round(width * d));
  const h = Math.max(1, Math.round(height * d));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the chart image.');
  ctx.drawImage(bitmap, Math.round(left * d), Math.round(top * d), w, h, 0, 0, w, h);
  drawMarks(ctx, marks, w, h, d);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The chart image could not be encoded.'));
    reader.readAsDataURL(blob);
  });
}

/** Marks for one chart: located points where the page placed them, else the x's position along the
 *  axis as a fallback (said in the label, since it is an estimate). */
export function marksForChart(
  shot: Extract<ChartShot, { ok: true }>, wanted: MarkWanted[], xsOfChart: Array<string | number>,
): ExportChart['marks'] {
  return wanted.flatMap((w) => {
    const hit = shot.located.find((l) => String(l.x) === String(w.x) && (w.series === undefined || l.series === undefined || l.series === w.series));
    if (hit) return [{ ref: w.ref, xPct: hit.xPct, yPct: hit.yPct, ...(w.label ? { label: w.label.slice(0, 200) } : {}) }];
    const i = xsOfChart.findIndex((x) => String(x) === String(w.x));
    if (i < 0 || xsOfChart.length < 2) return [];
    return [{ ref: w.ref, xPct: pct(5 + (90 * i) / (xsOfChart.length - 1)), yPct: 50, label: `${w.label ?? w.ref} (position estimated)`.slice(0, 200) }];
  });
}
