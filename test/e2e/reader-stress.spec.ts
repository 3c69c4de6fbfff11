import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, extensionPage, sendMessage, tabIdFor } from './fixtures';
import { compareSnapshot, type Truth, type TruthChart } from '../support/compare';
import { DashboardSnapshot } from '../../lib/snapshot/schema';
import type { ReadOutcome } from '../../lib/messaging/protocol';

// Pages that break things, each read through the extension against its <page>.truth.json: the read
// never fails, says (in a note) what it could not read, and reads everything else exactly. Speed is
// the bench's job (npm run bench), not asserted here.
const STRESS = join(import.meta.dirname, '..', 'fixtures', 'dashboards', 'stress');

interface StressSeries { name: string; count: number; points?: Array<{ x: string; y: number | null }>; sample?: Array<{ x: string; y: number }> }
interface StressTruth extends Omit<Truth, 'charts'> {
  charts: Array<Omit<TruthChart, 'series'> & { series: StressSeries[] }>;
  optional?: Array<Omit<TruthChart, 'series'> & { series: StressSeries[] }>;
  notes: boolean | 'if-truncated';
  rows?: number;
}
const truthOf = (page: string): StressTruth => JSON.parse(readFileSync(join(STRESS, `${page}.truth.json`), 'utf8'));
/** The board-truth form compareSnapshot takes: series with their full points. */
const asTruth = (t: StressTruth): Truth => ({ ...t, charts: t.charts.map((c) => ({ ...c, series: c.series.map((s) => ({ name: s.name, points: s.points ?? [] })) })) });

type Snap = DashboardSnapshot;
const allNotes = (s: Snap): string[] => [...(s.notes ?? []), ...s.charts.flatMap((c) => c.notes ?? [])];

async function read(page: Page, serverUrl: string, readPage: (p: Page) => Promise<ReadOutcome>, file: string): Promise<Snap> {
  await page.goto(`${serverUrl}/stress/${file}`);
  await page.waitForFunction(() => document.documentElement.dataset.fixtureReady === 'true', null, { timeout: 20_000 }).catch(() => undefined);
  const outcome = await readPage(page);
  if (!outcome.ok) throw new Error(`the read failed: ${outcome.message}`);
  // What the background returned is a valid snapshot by the contract, not just "some object".
  return DashboardSnapshot.parse(outcome.snapshot);
}

function expectExact(snapshot: Snap, truth: StressTruth): void {
  const cmp = compareSnapshot(snapshot, asTruth(truth));
  const report = `${cmp.problems.join('\n')}\nread: ${snapshot.charts.map((c) => `${c.title} [${c.source}]`).join(', ')}\nnotes: ${allNotes(snapshot).join(' | ')}`;
  expect(cmp.missingCharts, report).toEqual([]);
  expect(cmp.pointsExact, report).toBe(cmp.pointsExpected);
}

test.describe('pages that break things', () => {
  test('empty: a valid empty snapshot with a note that no charts were found', async ({ page, serverUrl, readPage }) => {
    const truth = truthOf('empty');
    const s = await read(page, serverUrl, readPage, 'empty.html');
    expect(s.charts).toEqual([]);
    expect(s.metrics).toEqual([]);
    expect(s.stats).toMatchObject({ charts: 0, points: 0 });
    expect(s.title).toBe(truth.title);
    expect(allNotes(s).join(' ')).toMatch(/no charts/i);
  });

  test('many: all 200 charts found and every point exact', async ({ page, serverUrl, readPage }) => {
    test.setTimeout(120_000);
    const truth = truthOf('many');
    const s = await read(page, serverUrl, readPage, 'many.html');
    expect(truth.charts).toHaveLength(200);
    expectExact(s, truth);
    expect(s.stats.charts).toBe(200);
  });

  test('throws: the working chart read exactly, a note on the broken one, the read itself succeeds', async ({ page, serverUrl, readPage }) => {
    const truth = truthOf('throws');
    const s = await read(page, serverUrl, readPage, 'throws.html');
    expectExact(s, truth);
    const broken = s.charts.find((c) => /seats used/i.test(c.title));
    // Left out, or kept without points: never with made-up numbers.
    if (broken) expect(broken.series.every((ser) => ser.points.length === 0)).toBe(true);
    expect(allNotes(s).some((n) => /seats used|could not be read|stopped/i.test(n)), allNotes(s).join(' | ')).toBe(true);
  });

  test('nan: every NaN, null, undefined and "-" is null, never 0 and never dropped', async ({ page, serverUrl, readPage }) => {
    const truth = truthOf('nan');
    const s = await read(page, serverUrl, readPage, 'nan.html');
    expectExact(s, truth);
    for (const want of truth.charts) {
      const got = s.charts.find((c) => c.title.toLowerCase() === want.title.toLowerCase())!;
      const nulls = want.series[0].points!.flatMap((p, i) => (p.y === null ? [i] : []));
      expect(nulls.length, want.title).toBeGreaterThan(0);
      expect(nulls.map((i) => got.series[0].points[i]?.y), want.title).toEqual(nulls.map(() => null));
    }
  });

  test('bare canvas: the canvas found and named, with a note that its data cannot be read', async ({ page, serverUrl, readPage }) => {
    const truth = truthOf('bare-canvas');
    const s = await read(page, serverUrl, readPage, 'bare-canvas.html');
    const want = truth.optional![0];
    const got = s.charts.find((c) => c.title === want.title);
    expect(got, s.charts.map((c) => c.title).join(', ')).toBeDefined();
    expect(got).toMatchObject({ source: 'canvas', exact: false });
    expect(got!.notes?.join(' ')).toMatch(/cannot be read|could not be read/i);
    expect(s.charts.filter((c) => c.exact)).toEqual([]);
  });

  test('embedded: charts in a frame and in a web component read exactly, in page order, and each outlined where it is', async ({ page, serverUrl, readPage, loupe }) => {
    const truth = truthOf('embedded');
    const s = await read(page, serverUrl, readPage, 'embedded.html');
    expectExact(s, truth);
    expect(s.charts.map((c) => c.title)).toEqual(['Orders', 'API latency', 'Refunds']);
    expect(s.title).toBe(truth.title);
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    try {
      const tabId = await tabIdFor(ext, page.url());
      const outline = (chartId: string) => sendMessage<{ ok: boolean; message?: string }>(ext, 'highlightChart', { tabId, chartId });
      const framed = s.charts.find((c) => c.title === 'API latency')!;
      expect(await outline(framed.id)).toMatchObject({ ok: true });
      await expect(page.frameLocator('#panel').locator('[data-loupe-overlay]').first()).toBeAttached();
      const shadowed = s.charts.find((c) => c.title === 'Refunds')!;
      expect(await outline(shadowed.id)).toMatchObject({ ok: true });
      await expect(page.locator('[data-loupe-overlay]').first()).toBeAttached();
    } finally {
      await ext.close();
    }
  });

  test('big table: read, bounded, with a note when rows were left out', async ({ page, serverUrl, readPage }) => {
    test.setTimeout(120_000);
    const truth = truthOf('big-table');
    const s = await read(page, serverUrl, readPage, 'big-table.html');
    const want = truth.charts[0];
    const got = s.charts.find((c) => c.title === want.title);
    expect(got, s.charts.map((c) => c.title).join(', ')).toMatchObject({ kind: 'table', source: 'table', exact: true, x: { type: 'category' } });
    expect(got!.series.map((x) => x.name)).toEqual(want.series.map((x) => x.name));
    const rows = got!.series[0].points.length;
    expect(rows).toBeLessThanOrEqual(truth.rows!);
    if (rows < truth.rows!) expect(allNotes(s).join(' ')).toMatch(new RegExp(`${rows}|${rows.toLocaleString('en-US')}`));
    for (const [i, ws] of want.series.entries()) {
      // Sample rows by their row label; the last row only when every row was kept.
      for (const p of ws.sample!) {
        const gp = got!.series[i].points.find((q) => q.x === p.x);
        if (!gp && rows < truth.rows!) continue;
        expect(gp, `${ws.name} ${p.x}`).toEqual(p);
      }
    }
    expect(s.stats.readMs).toBeGreaterThan(0);
  });
});
