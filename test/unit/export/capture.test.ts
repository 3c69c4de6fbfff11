import { describe, expect, it } from 'vitest';
import { CAPTURE_GAP_MS, captureChartsInTab, captureProblem, drawMarks, marksForChart, type CaptureTabApi, type MarkCanvas, type PageBox } from '@/lib/actions/capture';
import type { ChartShot } from '@/lib/messaging/protocol';

const BOX: PageBox = { left: 100, top: 50, width: 400, height: 200, scrollX: 0, scrollY: 300, dpr: 2, viewportWidth: 1100 };

/** A window with two tabs (the panel opened as a tab in front, the dashboard behind) and a clock that
 *  only moves when someone waits. */
function fakeBrowser(opts: { failFirstCapture?: string; refuseFront?: boolean } = {}) {
  const calls: string[] = [];
  let active = 7;
  let clock = 10_000;
  let failed = false;
  const api: CaptureTabApi = {
    async tabState(tabId) { return { windowId: 3, active: active === tabId }; },
    async bringToFront(tabId) {
      calls.push(`front ${tabId}`);
      const before = active;
      if (!opts.refuseFront) active = tabId;
      return before;
    },
    async restore(tabId) { calls.push(`restore ${tabId}`); active = tabId; },
    async scrollToChart(_tabId, chartId) { calls.push(`scroll ${chartId}`); return chartId === 'gone' ? null : BOX; },
    async captureVisible(windowId) {
      calls.push(`capture ${windowId} showing ${active} at ${clock}`);
      if (opts.failFirstCapture && !failed) { failed = true; throw new Error(opts.failFirstCapture); }
      return 'data:image/png;base64,AAAA';
    },
    async locate(_tabId, _chartId, xs) {
      // Page coordinates: one point inside the chart's box (at this scroll), one outside it.
      return { points: xs.map((x, i) => ({ x, left: i === 0 ? 200 : 900, top: 400 })) } as unknown as Awaited<ReturnType<CaptureTabApi['locate']>>;
    },
    async wait(ms) { calls.push(`wait ${Math.round(ms)}`); clock += ms; },
    now: () => clock,
  };
  return { api, calls, get active() { return active; } };
}

describe('captureChartsInTab', () => {
  it('puts the dashboard in front, captures each chart paced under the rate limit, and puts the panel back', async () => {
    const b = fakeBrowser();
    const out = await captureChartsInTab(b.api, { tabId: 9, chartIds: ['a', 'b'], points: { a: [{ x: 'Oct 10' }, { x: 'Oct 11' }] } });
    expect(out.ok).toBe(true);
    expect(b.calls).toEqual([
      'front 9', 'scroll a', 'capture 3 showing 9 at 10000', 'scroll b', `wait ${CAPTURE_GAP_MS}`, `capture 3 showing 9 at ${10_000 + CAPTURE_GAP_MS}`, 'restore 7',
    ]);
    expect(b.active).toBe(7);
    const a = out.shots[0] as Extract<ChartShot, { ok: true }>;
    // (200 - 0 - 100) / 400 and (400 - 300 - 50) / 200, in percent; the point outside the box is dropped.
    expect(a.located).toEqual([{ x: 'Oct 10', xPct: 25, yPct: 25 }]);
    expect(a.rect).toEqual({ left: 100, top: 50, width: 400, height: 200 });
  });

  it('waits out the gap between two exports in a row', async () => {
    const b = fakeBrowser();
    await captureChartsInTab(b.api, { tabId: 9, chartIds: ['a'] });
    b.calls.length = 0;
    await captureChartsInTab(b.api, { tabId: 9, chartIds: ['a'] });
    expect(b.calls.filter((c) => c.startsWith('wait'))).toEqual([`wait ${CAPTURE_GAP_MS}`]);
  });

  it('tries a capture refused for going too fast once more', async () => {
    const b = fakeBrowser({ failFirstCapture: 'This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.' });
    const out = await captureChartsInTab(b.api, { tabId: 9, chartIds: ['a'] });
    expect(out.ok).toBe(true);
    expect(b.calls.filter((c) => c.startsWith('capture'))).toHaveLength(2);
  });

  it('says so when the dashboard cannot be put in front, captures nothing, and leaves the tabs as they were', async () => {
    const b = fakeBrowser({ refuseFront: true });
    const out = await captureChartsInTab(b.api, { tabId: 9, chartIds: ['a'] });
    expect(out).toEqual({ ok: false, message: 'The dashboard tab is not the one in front, so its charts could not be captured.', shots: [] });
    expect(b.calls.some((c) => c.startsWith('capture'))).toBe(false);
    expect(b.active).toBe(7);
  });

  it('reports a chart no longer on the page, and fails only when no chart was captured', async () => {
    const b = fakeBrowser();
    const some = await captureChartsInTab(b.api, { tabId: 9, chartIds: ['gone', 'a'] });
    expect(some.ok).toBe(true);
    expect(some.shots[0]).toEqual({ chartId: 'gone', ok: false, message: 'The chart is not on the page any more.' });
    const none = await captureChartsInTab(b.api, { tabId: 9, chartIds: ['gone'] });
    expect(none.ok).toBe(false);
    expect(none.message).toMatch(/^No chart could be captured: The chart is not on the page any more/);
  });
});

describe('captureProblem', () => {
  const shot = { rect: { left: 24, top: 100, width: 1000, height: 300 }, dpr: 2, viewportWidth: 1100 };
  it('accepts the tab’s viewport, or a smaller view that still holds the whole chart', () => {
    expect(captureProblem({ width: 2200, height: 1400 }, shot)).toBeNull();
    expect(captureProblem({ width: 2560, height: 1626 }, { ...shot, viewportWidth: 1280 })).toBeNull();
    expect(captureProblem({ width: 2100, height: 900 }, shot)).toBeNull();
  });
  it('refuses a view that would cut the chart off (another, narrower page in front)', () => {
    expect(captureProblem({ width: 840, height: 1626 }, shot)).toMatch(/did not show the whole chart/);
    expect(captureProblem({ width: 2200, height: 600 }, shot)).toMatch(/did not show the whole chart/);
  });
});

describe('marksForChart', () => {
  const shot: Extract<ChartShot, { ok: true }> = {
    chartId: 'a', ok: true, dataUrl: 'data:', rect: { left: 0, top: 0, width: 10, height: 10 }, dpr: 1, viewportWidth: 10,
    located: [{ x: 'Oct 10', xPct: 40, yPct: 60 }],
  };
  it('puts a mark where the page drew the point, else estimates along the x axis and says so', () => {
    const marks = marksForChart(shot, [{ ref: 'F1', x: 'Oct 10', label: 'fell' }, { ref: 'E2', x: 'Oct 12' }, { ref: 'E3', x: 'never' }], ['Oct 10', 'Oct 11', 'Oct 12']);
    expect(marks).toEqual([
      { ref: 'F1', xPct: 40, yPct: 60, label: 'fell' },
      { ref: 'E2', xPct: 95, yPct: 50, label: 'E2 (position estimated)' },
    ]);
  });
});

describe('drawMarks', () => {
  it('rings each mark where it belongs and writes its id beside it, findings larger than evidence', () => {
    const ops: string[] = [];
    const ctx = {
      lineWidth: 0, strokeStyle: '', fillStyle: '', font: '',
      beginPath() {}, stroke() {}, fillRect() {},
      arc(x: number, y: number, r: number) { ops.push(`ring ${x},${y} r${r} ${String(ctx.strokeStyle)}`); },
      fillText(text: string) { ops.push(`text ${text}`); },
      measureText: (t: string) => ({ width: t.length * 6 }) as TextMetrics,
    } satisfies MarkCanvas;
    drawMarks(ctx, [{ ref: 'F1', xPct: 50, yPct: 25 }, { ref: 'E4', xPct: 10, yPct: 100 }], 400, 200, 2);
    expect(ops).toEqual([
      'ring 200,50 r18 #ffffff', 'ring 200,50 r18 #c2410c', 'text F1',
      'ring 40,200 r10 #ffffff', 'ring 40,200 r10 #1d4ed8', 'text E4',
    ]);
  });
});
