// npm run bench: every speed and size figure the issues ask for, in one table, with the machine it
// ran on and the date. Reads a generated 24-chart, 100,000-point dashboard through the extension, the
// sample dashboards, and runs page steps, chart capture and Loupe's IndexedDB code on the Growth board.
// Figures computed in Node are in lib/bench-rows.ts, the Growth-board ones in lib/bench-page.ts.
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild, outDir } from './lib/build.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { extensionPage, launchLoupe, readTabOnce, readWithLoupe, tabIdFor } from './lib/loupe-browser.mjs';
import { privateExtension, waitForBoard } from './lib/read-boards';
import { benchRows, exportRows, type BenchRow, type BoardSample } from './lib/bench-rows';
import { captureRows, dbRows, stepRows } from './lib/bench-page';
import { writeBenchBoard } from '../test/fixtures/bench.mjs';
import { startServer } from '../test/fixtures/server.mjs';
import type { Page } from '@playwright/test';
import type { DashboardSnapshot } from '../lib/snapshot/schema';

const RUNS = 5;
/** Reads of the 100,000-point board: each is seconds on a busy 2-core machine, so fewer. */
const READ_RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
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
    const tabId = await tabIdFor(ext, page.url());
    if (tabId == null) throw new Error(`no tab shows ${page.url()}`);
    const readTimes: number[] = [];
    const wallTimes: number[] = [];
    // 1 + READ_RUNS reads, each one readTab through the same helper as the snapshot command (message,
    // injection, validation, the reply as one JSON string, decoded), as the panel's "Read again" does.
    // The first (cold: injection of the readers, JIT) is reported on its own; the board is drawn by then
    // (waitForBoard), and every read must find the same charts and points.
    for (let i = 0; i <= READ_RUNS; i++) {
      const t0 = performance.now();
      const o = await readTabOnce(ext, tabId);
      wallTimes.push(performance.now() - t0);
      if (!o.ok) throw new Error(o.message);
      if (snapshot && (o.snapshot.stats.points !== snapshot.stats.points || o.snapshot.stats.charts !== snapshot.stats.charts)) {
        throw new Error(`reads disagree: ${snapshot.stats.charts} charts / ${snapshot.stats.points} points, then ${o.snapshot.stats.charts} / ${o.snapshot.stats.points}`);
      }
      readTimes.push(o.snapshot.stats.readMs);
      snapshot = o.snapshot;
    }
    const [coldWall] = wallTimes.splice(0, 1);
    const [coldRead] = readTimes.splice(0, 1);
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
    rows.push({ figure: `Reader time in the page (median of ${READ_RUNS})`, value: ms(reader), note: `stats.readMs: both worlds, all adapters; first read ${ms(coldRead)}` });
    rows.push({ figure: `Read round trip, extension page → background → tab → back (median of ${READ_RUNS})`, value: ms(median(wallTimes)),
      note: `readTab as the panel sends it (readTabOnce): message, injection, validation, the snapshot back as one JSON string, parsed; first read ${ms(coldWall)}` });
    rows.push({ figure: `document.body.innerText on the same page (median of ${RUNS})`, value: ms(inner), note: `${innerText.chars.toLocaleString('en-US')} characters` });
    rows.push({ figure: 'Reader / innerText', value: `${(reader / inner).toFixed(2)}×`, note: '' });
    const sizes = ['reader-main.js', 'reader-dom.js'].map((f) => gzipSync(readFileSync(join(outDir('production'), f))).length);
    rows.push({ figure: 'Injected scripts (gzip)', value: `${((sizes[0] + sizes[1]) / 1024).toFixed(1)} KiB`, note: `reader-main ${(sizes[0] / 1024).toFixed(1)} KiB + reader-dom ${(sizes[1] / 1024).toFixed(1)} KiB` });
    await page.close();
    for (const name of sampleBoards()) boards.push(await readSample(ext, await loupe.context.newPage(), `${samples.url}/${name}/`, name));
    rows.push(...(await growthRows(ext, await loupe.context.newPage(), `${samples.url}/growth-mixpanel/`)));
    rows.push(...(await benchRows(s, { innerTextChars: innerText.chars, outerHtmlChars: innerText.html }, boards)));
  } finally {
    await loupe.close();
    await server.close();
    await samples.close();
    ext0.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  print(rows, startedAt, loadAtStart);
}

/** A part that fails gives a row saying so; the rest of the table still prints. */
async function part(figure: string, run: () => Promise<BenchRow[]>): Promise<BenchRow[]> {
  try {
    return await run();
  } catch (err) {
    return [{ figure, value: 'not measured', note: `failed on this run: ${(err as Error).message.split('\n')[0].slice(0, 200)}` }];
  }
}

/** Page steps, chart capture (and the export with those images) and IndexedDB, on the Growth board. */
async function growthRows(ext: Page, page: Page, url: string): Promise<BenchRow[]> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await waitForBoard(page);
    await page.bringToFront();
    const read = await readWithLoupe(ext, page);
    if (!read.ok) throw new Error(read.message);
    const tabId = await tabIdFor(ext, page.url());
    if (tabId === null) throw new Error('no tab id for the Growth board');
    const rows = await part('Page steps', () => stepRows(ext, page, tabId));
    rows.push(...(await part('Chart capture for the export', async () => {
      const shots = await captureRows(ext, page, tabId, read.snapshot);
      return [...shots.rows, ...exportRows(read.snapshot, shots.charts, 'Growth board with chart images')];
    })));
    rows.push(...(await part('Dexie (IndexedDB)', () => dbRows(page))));
    return rows;
  } finally {
    await page.close();
  }
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

/** "Debian GNU/Linux 12 (bookworm), Linux 6.1.0" from /etc/os-release and the kernel. */
function osName(): string {
  let name = `${process.platform}`;
  try { name = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? name; } catch { /* not Linux */ }
  return `${name}, ${process.platform === 'linux' ? 'Linux' : process.platform} ${release()}`;
}

function print(rows: BenchRow[], startedAt: Date, loadAtStart: number): void {
  const chrome = (() => { try { return execFileSync(ensureChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'unknown'; } })();
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const secs = Math.round((Date.now() - startedAt.getTime()) / 1000);
  console.log(`Loupe bench · ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu} · ${cpus().length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · ${osName()} · Node ${process.version} · ${chrome} · load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end · ran ${secs} s`);
  console.log('');
  console.log('| Figure | Value | Note |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.value} | ${r.note} |`);
}

main().catch((err) => { console.error(`bench failed: ${(err as Error).message}`); process.exit(1); });
