// npm run bench: every speed and size figure the issues ask for, in one table, with the machine it
// ran on and the date. Reads a generated 24-chart, 100,000-point dashboard through the extension.
import { cpus, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild, outDir } from './lib/build.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { extensionPage, launchLoupe, readTabOnce, readWithLoupe, sendMessage, tabIdFor } from './lib/loupe-browser.mjs';
import { privateExtension, waitForBoard } from './lib/read-boards';
import { benchRows, type BenchRow, type BoardSample } from './lib/bench-rows';
import { writeBenchBoard } from '../test/fixtures/bench.mjs';
import { startServer } from '../test/fixtures/server.mjs';
import type { Page } from '@playwright/test';
import type { DashboardSnapshot } from '../lib/snapshot/schema';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const ext0 = privateExtension();
  ensureBuild('production');
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  await writeBenchBoard(dir);
  // The fixture server: the board under /bench/, the chart libraries under /vendor/ from node_modules.
  const server = await startServer({ root: dir, build: false });
  const samples = await startServer(); // the 7 sample dashboards, rebuilt when stale
  const loupe = await launchLoupe({ extensionDir: ext0.dir });
  let snapshot: DashboardSnapshot | undefined;
  const boards: BoardSample[] = [];
  try {
    const page = await loupe.context.newPage();
    await page.goto(`${server.url}/bench/`, { waitUntil: 'load', timeout: 180_000 }); // 100,000 points drawn synchronously: slow on a busy machine
    await waitForBoard(page, 30_000);
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await page.bringToFront();
    const first = await readWithLoupe(ext, page, { settleMs: 15_000 });
    if (!first.ok) throw new Error(first.message);
    const tabId = await tabIdFor(ext, page.url());
    if (tabId == null) throw new Error(`no tab shows ${page.url()}`);
    const readTimes: number[] = [];
    const wallTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const o = await readTabOnce(ext, tabId);
      wallTimes.push(performance.now() - t0);
      if (!o.ok) throw new Error(o.message);
      readTimes.push(o.snapshot.stats.readMs);
      snapshot = o.snapshot;
    }
    const innerText = await page.evaluate((runs: number) => {
      const times: number[] = [];
      let chars = 0;
      for (let i = 0; i < runs; i++) {
        // Dirty the layout first so each run pays what a fresh read of the page would.
        document.body.style.setProperty('--loupe-bench', String(i));
        const t0 = performance.now();
        chars = document.body.innerText.length;
        times.push(performance.now() - t0);
      }
      return { times, chars, html: document.documentElement.outerHTML.length };
    }, RUNS);
    const reader = median(readTimes);
    const inner = median(innerText.times);
    const s = snapshot!;
    rows.push({ figure: 'Bench board', value: `${s.stats.charts} charts, ${s.stats.points.toLocaleString('en-US')} points`, note: 'generated: test/fixtures/bench.mjs' });
    rows.push({ figure: 'Reader time in the page (median of 5)', value: ms(reader), note: 'stats.readMs: both worlds, all adapters' });
    rows.push({ figure: 'Read round trip from the panel (median of 5)', value: ms(median(wallTimes)), note: 'message, injection, validation' });
    rows.push({ figure: 'document.body.innerText on the same page', value: ms(inner), note: `${innerText.chars.toLocaleString('en-US')} characters` });
    rows.push({ figure: 'Reader / innerText', value: `${(reader / inner).toFixed(2)}×`, note: '' });
    const sizes = ['reader-main.js', 'reader-dom.js'].map((f) => gzipSync(readFileSync(join(outDir('production'), f))).length);
    rows.push({ figure: 'Injected scripts (gzip)', value: `${((sizes[0] + sizes[1]) / 1024).toFixed(1)} KiB`, note: `reader-main ${(sizes[0] / 1024).toFixed(1)} KiB + reader-dom ${(sizes[1] / 1024).toFixed(1)} KiB` });
    for (const name of sampleBoards()) boards.push(await readSample(ext, await loupe.context.newPage(), `${samples.url}/${name}/`, name));
    rows.push(...(await benchRows(s, { innerTextChars: innerText.chars, outerHtmlChars: innerText.html }, boards)));
  } finally {
    await loupe.close();
    await server.close();
    await samples.close();
    ext0.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows);
}

/** The sample dashboards: every folder with a board.mjs (as the reader spec lists them). */
function sampleBoards(): string[] {
  const root = join(import.meta.dirname, '..', 'test', 'fixtures', 'dashboards');
  return readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'board.mjs'))).map((d) => d.name).sort();
}

async function readSample(ext: Page, page: Page, url: string, name: string): Promise<BoardSample> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await waitForBoard(page);
    await page.bringToFront();
    const o = await readWithLoupe(ext, page);
    if (!o.ok) throw new Error(`${name}: ${o.message}`);
    const size = await page.evaluate(() => ({ innerTextChars: document.body.innerText.length, outerHtmlChars: document.documentElement.outerHTML.length }));
    return { name, snapshot: o.snapshot, ...size };
  } finally {
    await page.close();
  }
}

function print(rows: BenchRow[]): void {
  const chrome = (() => { try { return execFileSync(ensureChromium(), ['--version'], { encoding: 'utf8' }).trim(); } catch { return 'unknown'; } })();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Loupe bench · ${new Date().toISOString().slice(0, 10)} · ${cpu} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · ${chrome}`);
  console.log('');
  console.log('| Figure | Value | Note |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.note} |`);
}

main().catch((err) => { console.error(`bench failed: ${(err as Error).message}`); process.exit(1); });
