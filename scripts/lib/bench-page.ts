// Bench figures measured in Chromium with the extension loaded, on a sample dashboard: the page
// steps' preview / apply+verify / revert round trips, capturing and cropping chart images for the
// export, and Loupe's Dexie code on the browser's own IndexedDB. Kept apart from scripts/bench.ts
// (the reader figures) and bench-rows.ts (figures computed in Node).
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sendMessage } from './loupe-browser.mjs';
import { median, type BenchRow } from './bench-rows';
import type { ChartShot, CaptureOutcome } from '../../lib/messaging/protocol';
import type { PageStep, StepOutcome, StepPreview } from '../../lib/actions/steps/schema';
import type { ExportChart } from '../../lib/export/schema';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';
import type { DbBenchResult } from './bench-db-entry';

const ROOT = join(import.meta.dirname, '..', '..');
const fmtMs = (n: number) => `${n.toFixed(1)} ms`;
const kib = (chars: number) => `${(chars / 1024).toFixed(1)} KiB`;

/** The Growth board's three controls, as test/e2e/page-steps.spec.ts drives them. */
export const STEPS: PageStep[] = [
  { id: 's1', label: 'Date range', kind: 'set-date-range', target: { controlId: 'date-range' }, value: { from: '2026-10-01', to: '2026-10-23' } },
  { id: 's2', label: 'Segment', kind: 'set-filter', target: { controlId: 'segment' }, value: { field: 'Segment', value: 'New users' } },
  { id: 's3', label: 'Onboarding v2', kind: 'toggle-control', target: { controlId: 'flag-onboarding-v2' }, value: false },
];

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await run();
  return [out, performance.now() - t0];
}

/** `rounds` times: preview, apply (the page re-read until it shows the value) and, in reverse order,
 *  revert (re-read until the old value shows) each of the three steps, through the extension's
 *  messages as the panel's per-step buttons send them. */
export async function stepRows(ext: Page, page: Page, tabId: number, rounds = 3): Promise<BenchRow[]> {
  const times = { preview: [] as number[], apply: [] as number[], revert: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const applied: Array<{ step: PageStep; before: string }> = [];
    for (const step of STEPS) {
      const [preview, tp] = await timed(() => sendMessage<StepPreview>(ext, 'previewStep', { tabId, step }));
      if (!preview.ok) throw new Error(`preview of ${step.label}: ${preview.message}`);
      const [out, ta] = await timed(() => sendMessage<StepOutcome>(ext, 'applyStep', { tabId, step, expectedUrl: preview.url }));
      if (!out.ok || !out.verified || out.before === null) throw new Error(`apply of ${step.label}: ${out.message}`);
      times.preview.push(tp);
      times.apply.push(ta);
      applied.push({ step, before: out.before });
    }
    for (const { step, before } of applied.reverse()) {
      const [out, t] = await timed(() => sendMessage<StepOutcome>(ext, 'revertStep', { tabId, step, before, expectedUrl: page.url() }));
      if (!out.ok || !out.verified) throw new Error(`revert of ${step.label}: ${out.message}`);
      times.revert.push(t);
    }
  }
  const n = rounds * STEPS.length;
  const note = `Growth board: date range, segment, flag toggle, ${rounds} rounds; message → isolated world → page`;
  return [
    { figure: `Step preview round trip (median of ${n})`, value: fmtMs(median(times.preview)), note: `${note}; outlines the control, changes nothing` },
    { figure: `Step apply + verify round trip (median of ${n})`, value: fmtMs(median(times.apply)), note: 'sets the control as a person would, then re-reads the page until it shows the value (polled every 50 ms)' },
    { figure: `Step revert + check round trip (median of ${n})`, value: fmtMs(median(times.revert)), note: 'in reverse order; re-reads until the recorded value shows again' },
  ];
}

/** Bundles `entry` (or `contents`) for the browser as one IIFE, to evaluate in a page (which, unlike a
 *  script tag, an extension page's CSP allows). The code sets its own globals. */
async function browserBundle(opts: { entry?: string; contents?: string }): Promise<string> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    ...(opts.entry ? { entryPoints: [opts.entry] } : { stdin: { contents: opts.contents ?? '', resolveDir: ROOT, loader: 'ts' } }),
    bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'warning', minify: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
  });
  return out.outputFiles[0].text;
}

/** Captures every chart of the board through the extension (the tab must be in front), then crops
 *  each capture with the panel's own cropShot in the extension page; returns the export's charts. */
export async function captureRows(ext: Page, page: Page, tabId: number, snapshot: DashboardSnapshot): Promise<{ rows: BenchRow[]; charts: ExportChart[] }> {
  await page.bringToFront();
  const ids = snapshot.charts.map((c) => c.id);
  const [outcome, tc] = await timed(() => sendMessage<CaptureOutcome>(ext, 'captureCharts', { tabId, chartIds: ids }));
  const shots = outcome.shots.filter((s): s is Extract<ChartShot, { ok: true }> => s.ok);
  if (!shots.length) throw new Error(`captureCharts: ${outcome.message ?? 'no chart captured'}`);
  await ext.evaluate(await browserBundle({ contents: "import { cropShot } from './lib/actions/capture';\n(globalThis as Record<string, unknown>).loupeCrop = { cropShot };" }));
  const [images, tk] = await timed(() => ext.evaluate(async (list) => {
    const crop = (window as unknown as { loupeCrop: { cropShot(shot: unknown, marks: unknown[]): Promise<string> } }).loupeCrop.cropShot;
    const out: string[] = [];
    for (const s of list) out.push(await crop(s, []));
    return out;
  }, shots));
  const capturedAt = new Date().toISOString();
  const charts = shots.map((s, i): ExportChart => ({
    dashboard: snapshot.url, chartId: s.chartId, title: snapshot.charts.find((c) => c.id === s.chartId)?.title ?? s.chartId, capturedAt, image: images[i], marks: [],
  }));
  const shotChars = shots.reduce((t, s) => t + s.dataUrl.length, 0);
  const imageChars = images.reduce((t, s) => t + s.length, 0);
  return {
    charts,
    rows: [
      { figure: `Capture ${shots.length} of ${ids.length} charts (captureCharts round trip)`, value: fmtMs(tc),
        note: `scroll each into view and capture the visible tab, ≥600 ms apart (Chrome's capture limit); ${kib(shotChars)} of PNG data URLs` },
      { figure: `Crop ${images.length} captures in the extension page`, value: fmtMs(tk), note: `cropShot (OffscreenCanvas); ${kib(imageChars)} of cropped PNG data URLs` },
    ],
  };
}

/** Loupe's Dexie code (lib/db) on Chromium's IndexedDB. Run in `page`, a dashboard on the fixture
 *  server: code evaluated into an extension page trips over its CSP (zod's compiled parsers), and the
 *  IndexedDB engine is the same in either origin. */
export async function dbRows(page: Page): Promise<BenchRow[]> {
  await page.evaluate(await browserBundle({ entry: join(ROOT, 'scripts', 'lib', 'bench-db-entry.ts') }));
  const r = await page.evaluate((opts) => (window as unknown as { loupeDbBench(o: typeof opts): Promise<DbBenchResult> }).loupeDbBench(opts), { single: 50, batch: 1000, chats: 20 });
  const where = 'lib/db on Chromium IndexedDB (fixture-server origin), a throwaway database';
  return [
    { figure: `Dexie: append one log event (median of ${r.appendOne.length})`, value: fmtMs(median(r.appendOne)), note: `appendLog, validated, its own transaction; ${where}` },
    { figure: `Dexie: append ${r.batch.toLocaleString('en-US')} log events in one transaction`, value: fmtMs(r.appendBatch), note: `appendLogs: ${(r.appendBatch / r.batch).toFixed(2)} ms an event` },
    { figure: `Dexie: read a board's log (${r.readLogCount.toLocaleString('en-US')} events)`, value: fmtMs(r.readLog), note: 'logForDashboard: index query, validate each, sort' },
    { figure: `Dexie: save one answered chat turn (median of ${r.addChat.length})`, value: fmtMs(median(r.addChat)), note: `addChat with a ${r.answerChars.toLocaleString('en-US')}-character answer` },
    { figure: `Dexie: read a board's chat history (${r.readChatsCount} turns)`, value: fmtMs(r.readChats), note: 'chatsForDashboard' },
  ];
}
