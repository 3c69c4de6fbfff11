import { z } from 'zod';
import { Chart, DashboardSnapshot, Metric, Context, Tool } from './schema';
import type { WorldResult } from './run';

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

export interface AssembleInput {
  main: unknown;
  isolated: unknown;
  readAt: Date;
  url: string;
  title?: string;
}

/** Merges the two worlds' results into one validated snapshot, in reading order. A chart that does
 *  not fit the contract is dropped with a note instead of failing the read. */
export function assembleSnapshot(input: AssembleInput): DashboardSnapshot {
  const notes: string[] = [];
  const worlds: WorldResult[] = [];
  for (const [name, raw] of [['main', input.main], ['isolated', input.isolated]] as const) {
    if (raw == null) { notes.push(`The ${name === 'main' ? 'chart-library' : 'page'} reader returned nothing.`); continue; }
    const parsed = WorldResultSchema.safeParse(raw);
    if (!parsed.success) { notes.push(`The ${name} reader returned data Loupe could not use.`); continue; }
    worlds.push(parsed.data as unknown as WorldResult);
  }
  const charts: Array<z.infer<typeof WorldChart>> = [];
  for (const w of worlds) {
    notes.push(...w.notes);
    for (const c of w.charts as unknown[]) {
      const parsed = WorldChart.safeParse(c);
      if (parsed.success) charts.push(parsed.data);
      else notes.push(`A chart${titleOf(c)} was left out: its data did not fit the snapshot format.`);
    }
  }
  charts.sort((a, b) => a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1]);
  const page = worlds.find((w) => w.page)?.page;
  const metrics: Metric[] = [];
  for (const m of page?.metrics ?? []) {
    const parsed = Metric.safeParse(m);
    if (parsed.success) metrics.push(parsed.data);
    else notes.push('A KPI tile was left out: its value did not fit the snapshot format.');
  }
  const finalCharts = charts.map(({ pos: _pos, ...c }) => c);
  // An empty read must say so: a consumer of the JSON (the CLI, an export) cannot tell "no charts on
  // this page" from "the reader skipped them" by an empty list alone.
  if (!finalCharts.length && worlds.length) notes.push('Loupe found no charts on this page.');
  const snapshot = {
    url: page?.url ?? input.url,
    title: page?.title ?? input.title ?? '',
    ...(page?.tool ? { tool: page.tool } : {}),
    readAt: input.readAt.toISOString(),
    ...(page?.context && Object.keys(page.context).length ? { context: page.context } : {}),
    charts: finalCharts,
    metrics,
    ...(notes.length ? { notes } : {}),
    stats: {
      readMs: Math.round(worlds.reduce((t, w) => t + w.ms, 0) * 10) / 10,
      charts: finalCharts.length,
      points: finalCharts.reduce((t, c) => t + c.series.reduce((s, ser) => s + ser.points.length, 0), 0),
    },
  };
  return DashboardSnapshot.parse(snapshot);
}

function titleOf(c: unknown): string {
  const t = (c as { title?: unknown } | null)?.title;
  return typeof t === 'string' && t ? ` ("${t.slice(0, 80)}")` : '';
}
