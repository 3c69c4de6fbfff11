// npm run bench: every speed and size figure the issues ask for, in one table, with the machine it
// ran on and the date. Reads a generated 24-chart, 100,000-point dashboard through the extension.
import { cpus, tmpdir, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuild, outDir } from './lib/build.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { extensionPage, launchLoupe, readWithLoupe, sendMessage, tabIdFor } from './lib/loupe-browser.mjs';
import { startStaticServer } from './lib/static-server.mjs';
import { benchRows, type BenchRow } from './lib/bench-rows';
import type { DashboardSnapshot } from '../lib/snapshot/schema';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const extensionDir = ensureBuild('e2e');
  ensureBuild('production');
  const { writeBenchBoard } = await import('../test/fixtures/bench.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  const boardDir: string = await writeBenchBoard(dir);
  const ROOT = join(import.meta.dirname, '..');
  const server = await startStaticServer({ mounts: { '/': boardDir, '/vendor/': join(ROOT, 'test/fixtures/dashboards/vendor/dist') } });
  const loupe = await launchLoupe({ extensionDir });
  let snapshot: DashboardSnapshot | undefined;
  try {
    const page = await loupe.context.newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await page.bringToFront();
    const first = await readWithLoupe(ext, page, { settleMs: 15_000 });
    if (!first.ok) throw new Error(first.message);
    const tabId = await tabIdFor(ext, page.url());
    const readTimes: number[] = [];
    const wallTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const o = await sendMessage(ext, 'readTab', { tabId });
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
    rows.push(...(await benchRows(s, { innerTextChars: innerText.chars, outerHtmlChars: innerText.html })));
  } finally {
    await loupe.close();
    await server.close();
  }
  print(rows);
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
