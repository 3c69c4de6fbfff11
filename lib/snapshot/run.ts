import type { Adapter, ChartRead, ReadContext, World } from './adapter';
import { errorText } from './adapter';
import { CHART_ATTR, findTitle, isClaimed, slug } from './dom';
import { frameKey, frameOffset, UNPLACED_TOP } from './frames';
import { openShadowRoots, queryAllIn } from './shadow';
import { dateLabelsAsTime } from './date-labels';
import { pageYear } from './page/dom-util';
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
  const shadowRoots = openShadowRoots(doc);
  const marked = () => queryAllIn(doc, shadowRoots, `[${CHART_ATTR}]`);
  if (opts.reset) marked().forEach((el) => el.removeAttribute(CHART_ATTR));
  const used = new Set(marked().map((el) => el.getAttribute(CHART_ATTR)!));
  const charts: WorldChart[] = [];
  const notes: string[] = [];
  const frame = frameOf(win);
  let year: number | undefined;
  const dates = {
    get year() { return (year ??= pageYear(doc) ?? new win.Date().getFullYear()); },
    locale: doc.documentElement.lang || undefined,
  };

  for (const adapter of adapters) {
    if (adapter.world !== world) continue;
    const budget = opts.budgetMs ?? ADAPTER_BUDGET_MS;
    const deadline = now() + budget;
    const controller = new AbortController();
    const ctx: ReadContext = {
      window: win, document: doc, signal: controller.signal, isClaimed, shadowRoots,
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
      charts.push(finish(asTimeWhereDated(read, dates), used, frame));
    }
  }
  return { world, charts, notes, ms: now() - start };
}

/** A category axis of formatted dates ("Oct 1") becomes a time axis of ISO dates; tables keep their
 *  row labels as shown, and pies their slice names. */
function asTimeWhereDated(read: ChartRead, dates: { year: number; locale?: string }): ChartRead {
  if (read.source === 'table' || read.kind === 'pie' || read.kind === 'table' || (read.x && read.x.type !== 'category')) return read;
  const series = dateLabelsAsTime(read.series, dates);
  return series ? { ...read, series, x: { ...read.x, type: 'time' } } : read;
}

interface FrameInfo {
  /** Prefix that keeps this frame's chart ids apart from other frames' ("" in the top frame). */
  prefix: string;
  /** The frame's corner in the top page; charts of a frame that cannot know it go last. */
  offset: [number, number];
}

function frameOf(win: Window & typeof globalThis): FrameInfo {
  const key = frameKey(win);
  if (!key) return { prefix: '', offset: [0, 0] };
  return { prefix: `${key}-`, offset: frameOffset(win) ?? [UNPLACED_TOP, 0] };
}

function finish(read: ChartRead, used: Set<string>, frame: FrameInfo): WorldChart {
  const title = (read.title ?? '').replace(/\s+/g, ' ').trim() || findTitle(read.element);
  const base = frame.prefix + slug(title || `${read.source} chart`);
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
    pos: [Math.round(frame.offset[0] + rect.top + (view?.scrollY ?? 0)), Math.round(frame.offset[1] + rect.left + (view?.scrollX ?? 0))],
  };
}
