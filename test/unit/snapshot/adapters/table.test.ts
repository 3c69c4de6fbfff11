// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChartRead, ReadContext } from '@/lib/snapshot/adapter';
import { MAX_TABLE_ROWS, table } from '@/lib/snapshot/adapters/table';
import { isClaimed } from '@/lib/snapshot/dom';
import { runWorld } from '@/lib/snapshot/run';

const FIXTURE = readFileSync(resolve(process.cwd(), 'test/fixtures/adapters/table.html'), 'utf8');

function load(html: string, lang = 'en'): void {
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  document.documentElement.setAttribute('lang', lang);
}

function ctx(expired = () => false): ReadContext {
  return { window, document, signal: new AbortController().signal, expired, isClaimed };
}

async function read(): Promise<ChartRead[]> {
  const c = ctx();
  return table.detect(c) ? await table.read(c) : [];
}

const byId = (reads: ChartRead[], id: string) => reads.find((r) => r.element.id === id);

describe('table adapter', () => {
  beforeEach(() => load(FIXTURE));

  it('reads one series per numeric column, x = the row label, units per column', async () => {
    const reads = await read();
    expect(reads.map((r) => r.element.id).sort()).toEqual(['channels', 'incidents', 'retention']);
    const t = byId(reads, 'channels')!;
    expect(t).toMatchObject({ title: 'Channel performance', kind: 'table', source: 'table', exact: true, x: { type: 'category', label: 'Channel' } });
    expect(t.y).toBeUndefined(); // counts, USD and % do not share a unit
    expect(t.series.map((s) => s.name)).toEqual(['Sessions', 'Spend', 'CTR']);
    expect(t.series[0].points).toEqual([
      { x: 'Paid search', y: 12340 }, { x: 'Social', y: 8120 }, { x: 'Email', y: null }, { x: 'Referral', y: 2004 },
    ]);
    expect(t.series[1].points.map((p) => p.y)).toEqual([3400, 1250, 0, null]);
    expect(t.series[2].points.map((p) => p.y)).toEqual([4.2, 2.9, 12.5, 1.1]);
    expect(t.notes).toEqual(expect.arrayContaining([
      expect.stringContaining('Sessions (number), Spend (USD), CTR (%)'),
      '1 cell could not be read as numbers and are gaps (null).',
      expect.stringMatching(/^1 cell was empty/),
      '1 footer row (totals) left out.',
    ]));
  });

  it('reads an ARIA grid with dates as row labels on a time axis', async () => {
    const g = byId(await read(), 'incidents')!;
    expect(g.x).toEqual({ type: 'time', label: 'Day' });
    expect(g.series.map((s) => s.name)).toEqual(['Incidents', 'Time to resolve']);
    expect(g.series[0].points).toEqual([
      { x: '2026-10-21', y: 3 }, { x: '2026-10-22', y: 0 }, { x: '2026-10-23', y: 5 },
    ]);
    expect(g.series[1].points.map((p) => p.y)).toEqual([1500, null, 250]);
  });

  it('gives a table whose columns are all percent the unit "%"', async () => {
    const t = byId(await read(), 'retention')!;
    expect(t.y).toEqual({ unit: '%' });
    expect(t.x?.type).toBe('category'); // "Aug" alone is not a date without a year on the page
    expect(t.series[0].points).toEqual([{ x: 'Aug', y: 41.2 }, { x: 'Sep', y: 39.8 }]);
  });

  it('reads numbers the way the page language writes them', async () => {
    load('<table><tr><th>Land</th><th>Umsatz</th></tr><tr><td>DE</td><td>1.234,5 €</td></tr><tr><td>AT</td><td>1,234 €</td></tr></table>', 'de');
    const [t] = await read();
    expect(t.series[0].points.map((p) => p.y)).toEqual([1234.5, 1.234]);
    expect(t.y).toEqual({ unit: 'EUR' });
  });

  it('reads at most MAX_TABLE_ROWS rows of a 10,000-row table, quickly, with a note', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `<tr><td>Row ${i}</td><td>${i}</td></tr>`).join('');
    load(`<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>${rows}</tbody></table>`);
    const start = performance.now();
    const [t] = await read();
    const ms = performance.now() - start;
    expect(t.series[0].points).toHaveLength(MAX_TABLE_ROWS);
    expect(t.notes).toContain('The table has 10,000 rows; the first 5,000 were read and 5,000 were left out.');
    expect(ms).toBeLessThan(5000);
  });

  it('stops when its time runs out', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<tr><td>R${i}</td><td>${i}</td></tr>`).join('');
    load(`<table><tr><th>N</th><th>V</th></tr>${rows}</table>`);
    const c = ctx(() => true);
    const reads = await table.read(c);
    expect(reads).toEqual([]); // readEach stops before the first table once the budget is spent
  });

  it('runs inside runWorld and gives the caption as the id', async () => {
    const result = await runWorld('isolated', window, document, [table]);
    expect(result.charts.map((c) => c.id)).toEqual(['channel-performance', 'incidents', 'retention-by-cohort']);
    expect(document.getElementById('channels')!.getAttribute('data-loupe-chart')).toBe('channel-performance');
  });

  // Layouts real tools draw; each read as the rows a person sees, totals and sort arrows aside.
  it.each([
    ['a GA4-style totals row first under a sortable header with an arrow',
      '<table><thead><tr><th aria-sort="none"><button>Country</button></th><th aria-sort="descending"><button>Users <span aria-hidden="true">▼</span></button></th></tr></thead>'
      + '<tbody><tr><td>Totals</td><td>1,500</td></tr><tr><td>US</td><td>1,000</td></tr><tr><td>DE</td><td>300</td></tr><tr><td>FR</td><td>200</td></tr></tbody></table>',
      'Users', [['US', 1000], ['DE', 300], ['FR', 200]], '1 totals row in the body left out.'],
    ['a thead-less table with a "Grand total" last row and row headers',
      '<table><tr><th>Service</th><th>Requests</th></tr><tr><th scope="row">api</th><td>1.2M</td></tr><tr><th scope="row">auth</th><td>0.4M</td></tr>'
      + '<tr><th scope="row">billing</th><td>0.1M</td></tr><tr class="total"><td><b>Grand total</b></td><td>1.7M</td></tr></table>',
      'Requests', [['api', 1200000], ['auth', 400000], ['billing', 100000]], '1 totals row in the body left out.'],
    ['an AG Grid with a pinned first column: rows split in two and inserted out of order',
      '<div role="grid" aria-rowcount="40"><div role="presentation"><div role="row" aria-rowindex="1"><div role="columnheader" aria-colindex="1">Account</div></div>'
      + '<div role="row" aria-rowindex="1"><div role="columnheader" aria-colindex="2">MRR</div><div role="columnheader" aria-colindex="3">Seats</div></div></div>'
      + '<div role="rowgroup"><div role="row" aria-rowindex="3"><div role="gridcell" aria-colindex="1">Globex</div></div><div role="row" aria-rowindex="2"><div role="gridcell" aria-colindex="1">Acme</div></div></div>'
      + '<div role="rowgroup"><div role="row" aria-rowindex="2"><div role="gridcell" aria-colindex="2">$1,200.50</div><div role="gridcell" aria-colindex="3">12</div></div>'
      + '<div role="row" aria-rowindex="3"><div role="gridcell" aria-colindex="2">$800.00</div><div role="gridcell" aria-colindex="3">9</div></div></div></div>',
      'MRR', [['Acme', 1200.5], ['Globex', 800]], 'The grid says it has 40 rows but only 3 are on the page (it loads rows as you scroll).'],
  ])('%s', async (_name, html, series, points, note) => {
    load(`<body>${html}</body>`);
    const [t] = await read();
    expect(t.series[0].name).toBe(series);
    expect(t.series[0].points).toEqual(points.map(([x, y]) => ({ x, y })));
    expect(t.notes).toContain(note);
  });
});

