// npm run accuracy [-- --seed N ...] [--only <generator>] [--verbose]
// The hold-out acceptance check: generates the hold-out boards (test/fixtures/holdout/index.mjs) for each
// seed, serves them on loopback, reads each through the extension exactly as `npm run -s snapshot`
// does, compares with the truth, checks the evidence engine against the injected level shifts, prints
// one table and exits non-zero when the bar is not met (scripts/lib/accuracy-check.ts says what the bar is).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { UnseenTruth } from '../test/fixtures/unseen.mjs';
import { GENERATORS } from '../test/fixtures/holdout/index.mjs';
import { startServer } from '../test/fixtures/server.mjs';
import { readPages } from './lib/read-boards';
import { boardTable, checkBoard, details, failures, pct, totals, type BoardCheck } from './lib/accuracy-check';

// A few seeds by default: one seed is 17-18 charts, too few to tell 16 of 17 from luck.
const DEFAULT_SEEDS = [7, 11, 23];

function parseArgs(argv: string[]): { seeds: number[]; verbose: boolean; only?: string } {
  const seeds: number[] = [];
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') {
      for (const part of (argv[++i] ?? '').split(',')) {
        const n = Number(part);
        if (!Number.isInteger(n)) throw new Error(`--seed takes whole numbers, not "${part}"`);
        seeds.push(n);
      }
    }
    if (argv[i] === '--only') {
      only = argv[++i];
      if (!GENERATORS.some((g) => g.name === only)) throw new Error(`--only takes one of ${GENERATORS.map((g) => g.name).join(', ')}`);
    }
  }
  return { seeds: seeds.length ? seeds : DEFAULT_SEEDS, verbose: argv.includes('--verbose'), only };
}

async function runSeed(seed: number, generator: (typeof GENERATORS)[number]): Promise<BoardCheck[]> {
  const dir = mkdtempSync(join(tmpdir(), `loupe-${generator.name}-${seed}-`));
  try {
    const boards = await generator.generate({ seed, dir });
    const server = await startServer({ root: dir, build: false });
    try {
      const urls = boards.map((b) => `${server.url}/${basename(b)}/`);
      const reads = await readPages(urls);
      return boards.map((b, i) => {
        const truth: UnseenTruth = JSON.parse(readFileSync(join(b, 'truth.json'), 'utf8'));
        const outcome = reads.get(urls[i])!;
        const name = `${seed}/${basename(b)}`;
        if (!outcome.ok) {
          const empty = { url: urls[i], title: '', readAt: new Date().toISOString(), charts: [], metrics: [], stats: { readMs: 0, charts: 0, points: 0 } };
          const row = checkBoard(name, empty, truth);
          row.cmp.problems.unshift(`read failed: ${outcome.message}`);
          return row;
        }
        return checkBoard(name, outcome.snapshot, truth);
      });
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { seeds, verbose, only } = parseArgs(process.argv.slice(2));
  const rows: BoardCheck[] = [];
  for (const g of GENERATORS.filter((x) => !only || x.name === only)) for (const seed of seeds) rows.push(...(await runSeed(seed, g)));
  const t = totals(rows);
  console.log(`Loupe accuracy on unseen boards · seeds ${seeds.join(', ')} · ${rows.length} boards`);
  console.log('');
  for (const line of boardTable(rows)) console.log(line);
  console.log('');
  console.log(`Charts found: ${t.chartsFound} / ${t.chartsExpected} (bar: 16 of every 17) · points exact: ${pct(t.pointsExact, t.pointsExpected)} (bar: 95%) · KPI tiles: ${t.metricsFound} / ${t.metricsExpected} (bar: all; label, value, unit, delta), ${t.extraMetrics} read that are not tiles · context: ${t.contextFound} / ${t.contextExpected}`);
  console.log(`Level shifts surfaced: ${t.shiftsFound} / ${t.shifts} (direction, size within 6 pp, start within 3 points) · false findings on shift-free series: ${t.falseFindings} (bar: at most 1)`);
  const lines = details(rows).filter((l) => verbose || !l.endsWith('✓'));
  if (lines.length) { console.log(''); for (const l of lines) console.log(`- ${l}`); }
  const fail = failures(t);
  console.log('');
  console.log(fail.length ? `FAIL: ${fail.join('; ')}` : 'PASS: the hold-out bar is met.');
  process.exit(fail.length ? 1 : 0);
}

main().catch((err: Error) => { console.error(`accuracy failed: ${err.message}`); process.exit(2); });
