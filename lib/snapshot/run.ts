import type { Adapter, ChartRead, ReadContext, World } from './adapter';
import { errorText } from './adapter';
import { CHART_ATTR, findTitle, isClaimed, slug } from './dom';
import type { Chart, Context, Metric, Tool } from './schema';

/** Per-adapter time budget in the page. One slow library must not hold the whole read. */
export const ADAPTER_BUDGET_MS = 3000;
/** Points kept per series; more is noted, not silently dropped. */
export const MAX_POINTS_PER_SERIES = 20_000;

/** What one world's reader script returns to the background (structured-cloned, page-controlled). */
export interface WorldChart extends Chart {
  /** Reading order on the page: [top, left] in document coordinates. */
  pos: [number, number];
}
export interface PageInfo {
  url: string;
  title: string;
  tool?: Tool;
  context?: Context;
  metrics: Metric[];
}
export interface WorldResult {
  world: World;
  charts: WorldChart[];
  notes: string[];
  ms: number;
  page?: PageInfo;
}

export interface RunOptions {
  /** The first world of a read clears the ids a previous read left on the page. */
  reset?: boolean;
  budgetMs?: number;
  now?: () => number;
}

/** Runs every adapter of one world over the page, in registry order, each time-bounded and isolated
 *  from the others' failures, and gives each chart a stable id marked on its element. */
export async function runWorld(
  world: World,
  win: Window & typeof globalThis,
  doc: Document,
  adapters: readonly Adapter[],
  opts: RunOptions = {},
): Promise<WorldResult> {
  const now = opts.now ?? (() => win.performance.now());
  const start = now();
  if (opts.reset) doc.querySelectorAll(`[${CHART_ATTR}]`).forEach((el) => el.removeAttribute(CHART_ATTR));
  const used = new Set(Array.from(doc.querySelectorAll(`[${CHART_ATTR}]`), (el) => el.getAttribute(CHART_ATTR)!));
  const charts: WorldChart[] = [];
  const notes: string[] = [];

  for (const adapter of adapters) {
    if (adapter.world !== world) continue;
    const budget = opts.budgetMs ?? ADAPTER_BUDGET_MS;
    const deadline = now() + budget;
    const controller = new AbortController();
    const ctx: ReadContext = {
      window: win, document: doc, signal: controller.signal, isClaimed,
      expired: () => now() > deadline,
    };
    let reads: ChartRead[];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      if (!adapter.detect(ctx)) continue;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => { controller.abort(); reject(new Error(`took longer than ${budget} ms`)); }, budget);
      });
      reads = await Promise.race([Promise.resolve().then(() => adapter.read(ctx)), timeout]);
    } catch (err) {
      notes.push(`The ${adapter.id} reader stopped: ${errorText(err)}`);
      continue;
    } finally {
      clearTimeout(timer);
    }
    if (ctx.expired()) notes.push(`The ${adapter.id} reader ran out of time; some of its charts may be missing.`);
    for (const read of reads) {
      if (isClaimed(read.element)) continue; // another adapter read it first
      charts.push(finish(read, used));
    }
  }
  return { world, charts, notes, ms: now() - start };
}

function finish(read: ChartRead, used: Set<string>): WorldChart {
  const title = (read.title ?? '').replace(/\s+/g, ' ').trim() || findTitle(read.element);
  const base = slug(title || `${read.source} chart`);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  read.element.setAttribute(CHART_ATTR, id);
  const notes = [...(read.notes ?? [])];
  const series = read.series.map((s) => {
    if (s.points.length <= MAX_POINTS_PER_SERIES) return s;
    notes.push(`Series "${s.name}" has ${s.points.length} points; the first ${MAX_POINTS_PER_SERIES} were kept.`);
    return { ...s, points: s.points.slice(0, MAX_POINTS_PER_SERIES) };
  });
  const rect = read.element.getBoundingClientRect();
  const view = read.element.ownerDocument.defaultView;
  return {
    id, title, kind: read.kind, source: read.source, exact: read.exact,
    ...(read.x ? { x: read.x } : {}), ...(read.y ? { y: read.y } : {}),
    series,
    ...(notes.length ? { notes } : {}),
    pos: [Math.round(rect.top + (view?.scrollY ?? 0)), Math.round(rect.left + (view?.scrollX ?? 0))],
  };
}
