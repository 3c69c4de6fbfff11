import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { readEach, queryAll } from '../adapter';
import { parseDateLabels, yearIn } from '../dates';
import { convertDuration, parseNumber, smallestDurationUnit } from '../numbers';
import { hasLayout, isHidden, nearestTitle, pageLocale, pageYear, textOf } from '../page/dom-util';
import type { Series } from '../schema';

/** Rows read per table. A 10,000-row table is read in bounded time; the rest is noted, not dropped
 *  silently. */
export const MAX_TABLE_ROWS = 5000;

const GRID = 'table,[role="grid"],[role="table"],[role="treegrid"]';
const ARIA_CELL = '[role="gridcell"],[role="cell"],[role="columnheader"],[role="rowheader"]';

interface Cell { text: string; header: boolean }
interface Row { cells: Cell[]; head: boolean; foot: boolean }

/**
 * HTML `<table>`s and ARIA grids (role=grid/table/treegrid with row/gridcell/columnheader) as charts
 * of kind 'table': one series per numeric column named by its header, x = the row label (the first
 * column that is not numeric, or the first column when all are), exact. Layout tables (one column,
 * no numbers, a table holding another table) are skipped.
 */
export const table: Adapter = {
  id: 'table',
  world: 'isolated',
  detect: (ctx) => queryAll(ctx, GRID).length > 0,
  read(ctx) {
    const doc = ctx.document;
    const layout = hasLayout(doc);
    const locale = pageLocale(doc);
    let year: number | undefined | null = null; // looked up once, only when a table needs it
    const yearHint = () => (year === null ? (year = pageYear(doc)) : year);
    const els = queryAll(ctx, GRID).filter((el) => {
      if (/^(presentation|none)$/.test(el.getAttribute('role') ?? '')) return false;
      if (el.querySelector(GRID)) return false; // a layout wrapper around the real table
      return !isHidden(el, ctx.window, layout);
    });
    return readEach(els, ctx, 'table', (el) => readTable(el, ctx, locale, yearHint));
  },
};

/** Rows in order. Walks children instead of `table.rows` / selectors: the same in Chromium, and jsdom
 *  (the tests) re-evaluates live collections on every access, which is quadratic on big tables. */
function rowElements(el: Element): Element[] {
  const out: Element[] = [];
  if (el.tagName === 'TABLE') {
    const sections: Element[] = [];
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (c.tagName === 'TR') out.push(c);
      else if (/^T(HEAD|BODY|FOOT)$/.test(c.tagName)) sections.push(c);
    }
    // thead rows first, tfoot rows last, as table.rows orders them.
    const order = (t: string) => (t === 'THEAD' ? 0 : t === 'TFOOT' ? 2 : 1);
    sections.sort((a, b) => order(a.tagName) - order(b.tagName));
    const head = sections.filter((s) => s.tagName === 'THEAD');
    const rest = sections.filter((s) => s.tagName !== 'THEAD');
    const collect = (s: Element) => { for (let r = s.firstElementChild; r; r = r.nextElementSibling) if (r.tagName === 'TR') out.push(r); };
    const loose = out.splice(0);
    head.forEach(collect);
    out.push(...loose);
    rest.forEach(collect);
    return out;
  }
  return Array.from(el.querySelectorAll('[role="row"]')).filter((r) => r.closest(GRID) === el);
}

/** Row elements grouped into the rows a person sees. A grid with a pinned column (AG Grid) draws each
 *  row as two role=row elements with the same aria-rowindex, and inserts rows in the order they were
 *  scrolled into view: when every row has an aria-rowindex, rows are merged by it and put in its order. */
function rowGroups(el: Element, rowEls: Element[]): Element[][] {
  if (el.tagName === 'TABLE' || !rowEls.length) return rowEls.map((r) => [r]);
  const index = rowEls.map((r) => Number(r.getAttribute('aria-rowindex')));
  if (!index.every((n) => Number.isInteger(n) && n >= 1)) return rowEls.map((r) => [r]);
  const byIndex = new Map<number, Element[]>();
  rowEls.forEach((r, i) => { const g = byIndex.get(index[i]); if (g) g.push(r); else byIndex.set(index[i], [r]); });
  return [...byIndex.keys()].sort((a, b) => a - b).map((k) => byIndex.get(k)!);
}

/** The cells of one row drawn as several elements, placed by aria-colindex: the first text wins. */
function mergedCells(group: Element[]): Cell[] {
  if (group.length === 1) return cellsOf(group[0]);
  const out: Cell[] = [];
  for (const r of group) {
    cellsOf(r).forEach((c, i) => { if (!out[i] || (!out[i].text && c.text)) out[i] = c; });
  }
  for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = { text: '', header: false };
  return out;
}

/** A totals row in the body (GA4 puts it first, many tables last): an aggregate, not a data row. */
const TOTAL_ROW = /^(?:grand\s+)?totals?\b|^sum(?:me)?$|^all\s+rows$|^gesamt(?:summe)?$|^total\s+g[ée]n[ée]ral$|^totale$/i;
/** Sort arrows a header shows ("Sessions ▼"): not part of the column's name. */
const SORT_MARK = /\s*[▲▼↑↓⇅⇵⬆⬇▴▾△▽↕]+\s*$/u;

function cellsOf(row: Element): Cell[] {
  const out: Cell[] = [];
  const direct = row.tagName === 'TR' ? Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH') : [];
  const raw = direct.length
    ? direct
    : Array.from(row.querySelectorAll(ARIA_CELL)).filter((c) => c.closest('[role="row"]') === row);
  for (const c of raw) {
    const role = c.getAttribute('role');
    const header = role === 'columnheader' || (c.tagName === 'TH' && role !== 'rowheader' && c.getAttribute('scope') !== 'row');
    const cell = { text: textOf(c, 200), header };
    // aria-colindex places cells of virtualised grids; colspan repeats a cell across columns.
    const index = Number(c.getAttribute('aria-colindex'));
    if (Number.isInteger(index) && index >= 1 && index - 1 >= out.length && index - 1 < 1000) {
      while (out.length < index - 1) out.push({ text: '', header });
    }
    const span = Math.min(Number(c.getAttribute('colspan') ?? c.getAttribute('aria-colspan') ?? 1) || 1, 50);
    for (let i = 0; i < span; i++) out.push(cell);
  }
  return out;
}

function readTable(el: Element, ctx: ReadContext, locale: string | undefined, yearHint: () => number | undefined): ChartRead | null {
  const rowEls = rowElements(el);
  const notes: string[] = [];
  const rows: Row[] = [];
  let bodySeen = 0;
  let bodyTotal = 0;
  let stoppedEarly = false;
  const groups = rowGroups(el, rowEls);
  for (let i = 0; i < groups.length; i++) {
    const r = groups[i][0];
    const section = r.parentElement?.tagName;
    const foot = section === 'TFOOT';
    const isBody = !foot && section !== 'THEAD';
    if (isBody) bodyTotal++;
    // Count every body row but read only the first MAX_TABLE_ROWS (counting is cheap, parsing is not).
    if (isBody && bodySeen >= MAX_TABLE_ROWS) continue;
    if (i % 500 === 499 && ctx.expired()) { stoppedEarly = true; break; }
    const cells = mergedCells(groups[i]);
    if (!cells.length) continue;
    rows.push({ cells, head: section === 'THEAD', foot });
    if (isBody) bodySeen++;
  }

  // Header rows: a thead, or leading rows made only of th / columnheader cells.
  let headCount = 0;
  while (headCount < rows.length && (rows[headCount].head || rows[headCount].cells.every((c) => c.header))) headCount++;
  let body = rows.slice(headCount).filter((r) => !r.foot);
  const footRows = rows.filter((r) => r.foot).length;
  const width = Math.max(0, ...rows.map((r) => r.cells.length));
  if (width < 2 || !body.length) return null;
  // No marked header: a first row of text above rows with numbers is one.
  if (headCount === 0 && body.length > 1 && body[0].cells.every((c) => c.text && !parseNumber(c.text, { locale }).ok)) {
    headCount = 1;
    body = body.slice(1);
  }
  // Section rows (one cell spanning the table) and blank rows carry no data.
  body = body.filter((r) => r.cells.some((c) => c.text) && new Set(r.cells).size > 1);
  if (!body.length) return null;

  const headRows = rows.slice(0, headCount);
  const names: string[] = [];
  for (let c = 0; c < width; c++) {
    let name = '';
    for (let h = headRows.length - 1; h >= 0 && !name; h--) name = headRows[h].cells[c]?.text ?? '';
    names.push(name.replace(SORT_MARK, ''));
  }

  // Parse every cell once; classify columns by what most of their cells are.
  const parsed = body.map((r) => Array.from({ length: width }, (_, c) => parseNumber(r.cells[c]?.text ?? '', { locale })));
  const numeric: boolean[] = [];
  for (let c = 0; c < width; c++) {
    let ok = 0;
    let bad = 0;
    for (const row of parsed) {
      const p = row[c];
      if (p.ok) ok++;
      else if (p.reason !== 'empty' && p.reason !== 'placeholder') bad++;
    }
    numeric.push(ok > 0 && ok >= 0.6 * (ok + bad));
  }
  let labelCol = numeric.findIndex((n, c) => !n && body.some((r) => r.cells[c]?.text));
  if (labelCol < 0) labelCol = 0; // every column is numeric: the first one (ids, years) labels the rows
  const valueCols = numeric.map((n, c) => (n && c !== labelCol ? c : -1)).filter((c) => c >= 0);
  if (!valueCols.length) return null;

  // A totals row first or last in the body is left out, as a <tfoot> one is.
  let totalRows = 0;
  for (const at of [body.length - 1, 0]) {
    if (body.length > 2 && TOTAL_ROW.test(body[at]?.cells[labelCol]?.text ?? '')) {
      body.splice(at, 1);
      parsed.splice(at, 1);
      totalRows++;
    }
  }
  const labels = body.map((r) => r.cells[labelCol]?.text ?? '');
  const filled = labels.filter(Boolean);
  const dates = parseDateLabels(labels, { locale, year: yearIn(filled) ?? yearHint() });
  const isTime = filled.length > 0 && labels.every((l, i) => !l || dates[i] !== null);
  const xs = labels.map((l, i) => (isTime ? dates[i] ?? l : l));

  let unparsed = 0;
  let empty = 0;
  const units: Array<string | undefined> = [];
  const series: Series[] = valueCols.map((c) => {
    let colUnits = new Set<string | undefined>();
    for (const row of parsed) if (row[c].ok) colUnits.add((row[c] as { unit?: string }).unit);
    // Durations shown in several units ("1.5s", "250 ms") share the smallest one.
    const common = colUnits.size > 1 ? smallestDurationUnit(colUnits) : undefined;
    if (common) colUnits = new Set([common]);
    const points = parsed.map((row, i) => {
      const p = row[c];
      if (p.ok) return { x: xs[i], y: common && p.unit ? convertDuration(p.value, p.unit, common) : p.value };
      if (p.reason === 'empty' || p.reason === 'placeholder') empty++;
      else unparsed++;
      return { x: xs[i], y: null };
    });
    const name = names[c] || `Column ${c + 1}`;
    if (colUnits.size > 1) notes.push(`Column "${name}" mixes units (${[...colUnits].map((u) => u ?? 'none').join(', ')}).`);
    units.push(colUnits.size === 1 ? [...colUnits][0] : undefined);
    return { name, points };
  });

  const shared = new Set(units);
  const unit = shared.size === 1 ? [...shared][0] : undefined;
  if (shared.size > 1) {
    notes.push(`Columns have different units: ${series.map((s, i) => `${s.name} (${units[i] ?? 'number'})`).join(', ')}.`);
  }
  if (unparsed) notes.push(`${unparsed} cell${unparsed === 1 ? '' : 's'} could not be read as numbers and are gaps (null).`);
  if (empty) notes.push(`${empty} cell${empty === 1 ? ' was' : 's were'} empty or "—" and are gaps (null).`);
  if (bodyTotal > bodySeen && !stoppedEarly) {
    notes.push(`The table has ${bodyTotal.toLocaleString('en-US')} rows; the first ${bodySeen.toLocaleString('en-US')} were read and ${(bodyTotal - bodySeen).toLocaleString('en-US')} were left out.`);
  }
  if (stoppedEarly) notes.push(`Reading stopped after ${bodySeen.toLocaleString('en-US')} rows: the time for tables ran out.`);
  const declared = Number(el.getAttribute('aria-rowcount'));
  if (Number.isFinite(declared) && declared > groups.length) {
    notes.push(`The grid says it has ${declared.toLocaleString('en-US')} rows but only ${groups.length.toLocaleString('en-US')} are on the page (it loads rows as you scroll).`);
  }
  if (footRows) notes.push(`${footRows} footer row${footRows === 1 ? '' : 's'} (totals) left out.`);
  if (totalRows) notes.push(`${totalRows} totals row${totalRows === 1 ? '' : 's'} in the body left out.`);

  const caption = el.querySelector(':scope > caption');
  // With no title here, runWorld falls back to dom.ts findTitle.
  const title = textOf(caption) || nearestTitle(el);
  return {
    element: el,
    ...(title ? { title } : {}),
    kind: 'table', source: 'table', exact: true,
    x: { ...(names[labelCol] ? { label: names[labelCol] } : {}), type: isTime ? 'time' : 'category' },
    ...(unit ? { y: { unit } } : {}),
    series,
    ...(notes.length ? { notes } : {}),
  };
}
