import { z } from 'zod';
import { Chart, DashboardSnapshot, Metric, Context, Tool } from './schema';
import { MAX_POINTS_PER_SERIES, type WorldResult } from './run';
import { Unusable } from './wire';

// The worlds' results come from inside a page the user did not write: parse, never trust.
const WorldChart = Chart.extend({ pos: z.tuple([z.number(), z.number()]) });
const WorldResultSchema = z.object({
  world: z.enum(['main', 'isolated']),
  charts: z.array(z.unknown()),
  notes: z.array(z.string().max(500)).max(200),
  ms: z.number().nonnegative(),
  page: z.object({
    url: z.string(), title: z.string(), tool: Tool.optional(),
    context: Context.optional(), metrics: z.array(z.unknown()),
  }).optional(),
});

/** Bounds on what one read keeps. The readers stay far inside them (they cap series at
 *  MAX_POINTS_PER_SERIES themselves); a result past them is a page trying to flood the panel. */
export const MAX_CHARTS = 500;
export const MAX_SERIES_PER_CHART = 200;
export const MAX_POINTS_PER_READ = 2_000_000;
/** The longest dashboard title kept (the export's limit). */
export const MAX_TITLE = 500;

export interface FrameResults {
  main: unknown;
  isolated: unknown;
}

export interface AssembleInput {
  /** The top frame's two results. */
  main: unknown;
  isolated: unknown;
  /** Results from frames inside the page (embedded panels): their charts and tiles join the read;
   *  the page's title, tool and context come from the top frame only. */
  subframes?: FrameResults[];
  readAt: Date;
  url: string;
  title?: string;
  /** What the read itself has to say (frames it could not reach). */
  notes?: string[];
}

/** Merges the two worlds' results into one validated snapshot, in reading order. A chart that does
 *  not fit the contract is dropped with a note instead of failing the read. */
export function assembleSnapshot(input: AssembleInput): DashboardSnapshot {
  const notes: string[] = [...(input.notes ?? [])];
  const worlds = parseWorlds(input, notes, true);
  // A frame's results: its charts and KPI tiles count; its title, tool and context do not rename the
  // board, and a frame that returned nothing (an ad, a blank frame) is not worth a note.
  const frameWorlds = (input.subframes ?? []).flatMap((f) => parseWorlds(f, [], false));
  const charts: Array<z.infer<typeof WorldChart>> = [];
  let points = 0;
  let overflow = 0;
  for (const w of [...worlds, ...frameWorlds]) {
    notes.push(...w.notes);
    for (const c of w.charts as unknown[]) {
      if (charts.length >= MAX_CHARTS) { overflow++; continue; }
      const parsed = WorldChart.safeParse(c);
      if (!parsed.success) { notes.push(`A chart${titleOf(c)} was left out: its data did not fit the snapshot format.`); continue; }
      const size = parsed.data.series.reduce((t, s) => t + s.points.length, 0);
      if (parsed.data.series.length > MAX_SERIES_PER_CHART || parsed.data.series.some((s) => s.points.length > MAX_POINTS_PER_SERIES) || points + size > MAX_POINTS_PER_READ) {
        notes.push(`A chart${titleOf(c)} was left out: it held more data than Loupe reads from one chart.`);
        continue;
      }
      points += size;
      charts.push(parsed.data);
    }
  }
  if (overflow) notes.push(`${overflow} more charts were left out: Loupe reads at most ${MAX_CHARTS} charts on one page.`);
  charts.sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1]);
  const page = worlds.find((w) => w.page)?.page;
  const metrics: Metric[] = [];
  const frameMetrics = frameWorlds.flatMap((w) => w.page?.metrics ?? []);
  for (const m of [...(page?.metrics ?? []), ...frameMetrics]) {
    const parsed = Metric.safeParse(m);
    if (parsed.success) metrics.push(uniqueId(parsed.data, metrics));
    else notes.push('A KPI tile was left out: its value did not fit the snapshot format.');
  }
  const finalCharts = charts.map(({ pos: _pos, ...c }) => c);
  // An empty read must say so: a consumer of the JSON (the CLI, an export) cannot tell "no charts on
  // this page" from "the reader skipped them" by an empty list alone.
  if (!finalCharts.length && worlds.length) notes.push('Loupe found no charts on this page.');
  const snapshot = {
    // The browser's URL for the tab, not the page's claim about itself.
    url: input.url || page?.url || '',
    // A page can make its title as long as it likes; kept to what exports and prompts hold (a longer
    // one made the reviewer export fail to build).
    title: (page?.title ?? input.title ?? '').slice(0, MAX_TITLE),
    ...(page?.tool ? { tool: page.tool } : {}),
    readAt: input.readAt.toISOString(),
    ...(page?.context && Object.keys(page.context).length ? { context: page.context } : {}),
    charts: finalCharts,
    metrics,
    ...(notes.length ? { notes } : {}),
    stats: {
      readMs: Math.round([...worlds, ...frameWorlds].reduce((t, w) => t + w.ms, 0) * 10) / 10,
      charts: finalCharts.length,
      points: finalCharts.reduce((t, c) => t + c.series.reduce((s, ser) => s + ser.points.length, 0), 0),
    },
  };
  return DashboardSnapshot.parse(snapshot);
}

/** Tiles of two frames can share a label: the later one gets "-2", as tiles of one page do. */
function uniqueId(m: Metric, kept: Metric[]): Metric {
  const used = new Set(kept.map((k) => k.id));
  let id = m.id;
  for (let n = 2; used.has(id); n++) id = `${m.id}-${n}`;
  return id === m.id ? m : { ...m, id };
}

/** One frame's two results, parsed: what does not fit is a note, never a failed read. */
function parseWorlds(frame: FrameResults, notes: string[], top: boolean): WorldResult[] {
  const worlds: WorldResult[] = [];
  for (const [name, raw] of [['main', frame.main], ['isolated', frame.isolated]] as const) {
    if (raw == null) { if (top) notes.push(`The ${name === 'main' ? 'chart-library' : 'page'} reader returned nothing.`); continue; }
    if (raw instanceof Unusable) { notes.push(`The ${name} reader${top ? '' : ' in a frame'} returned data Loupe could not use: ${raw.reason}.`); continue; }
    const parsed = WorldResultSchema.safeParse(raw);
    if (!parsed.success) { notes.push(`The ${name} reader${top ? '' : ' in a frame'} returned data Loupe could not use.`); continue; }
    // Page facts (URL, title, tool, KPI tiles) come from Loupe's DOM reader only: a MAIN-world result
    // is the page's own code talking, and must not rename the board the person is on.
    const data = parsed.data as unknown as WorldResult;
    worlds.push(name === 'main' && data.page ? { ...data, page: undefined } : data);
  }
  return worlds;
}

function titleOf(c: unknown): string {
  const t = (c as { title?: unknown } | null)?.title;
  return typeof t === 'string' && t ? ` ("${t.slice(0, 80)}")` : '';
}
