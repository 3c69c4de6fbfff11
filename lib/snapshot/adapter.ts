import type { ChartKind, Series, Source } from './schema';
import { queryAllIn } from './shadow';

/** Which JavaScript world an adapter runs in. MAIN sees page objects (Chart.getChart, fibers,
 *  `__data__`); ISOLATED sees only the DOM, and runs after MAIN so it can skip what MAIN claimed. */
export type World = 'main' | 'isolated';

export interface ReadContext {
  window: Window & typeof globalThis;
  document: Document;
  /** Aborted when the adapter's time budget runs out; long loops check it between charts. */
  signal: AbortSignal;
  /** True once the adapter's time budget is spent; synchronous loops check it, since a timer
   *  cannot fire while they run. */
  expired(): boolean;
  /** True when an earlier adapter (or the other world) already read this element or an ancestor. */
  isClaimed(el: Element): boolean;
  /** Open shadow roots on the page (web components), found once per read; see queryAll. */
  shadowRoots?: readonly ShadowRoot[];
}

/** Elements matching `selector` in the document and in its open shadow roots. */
export function queryAll(ctx: ReadContext, selector: string): Element[] {
  return queryAllIn(ctx.document, ctx.shadowRoots ?? [], selector);
}

/** One chart as an adapter read it, before the orchestrator gives it an id and validates it. */
export interface ChartRead {
  /** The chart's container on the page: what "scroll to chart" outlines. */
  element: Element;
  /** From the chart's own config; the orchestrator falls back to the nearest heading / aria label. */
  title?: string;
  kind: ChartKind;
  source: Source;
  exact: boolean;
  x?: { label?: string; type: 'time' | 'category' | 'number' };
  y?: { label?: string; unit?: string };
  series: Series[];
  notes?: string[];
}

export interface Adapter {
  id: string;
  world: World;
  /** Cheap: is there anything for this adapter on the page at all? */
  detect(ctx: ReadContext): boolean;
  read(ctx: ReadContext): ChartRead[] | Promise<ChartRead[]>;
}

/** Reads each element with `fn`; one chart that throws becomes a chart with a note, never a failed page. */
export function readEach<E extends Element>(
  elements: Iterable<E>,
  ctx: ReadContext,
  source: Source,
  fn: (el: E) => ChartRead | ChartRead[] | null,
): ChartRead[] {
  const out: ChartRead[] = [];
  for (const el of elements) {
    if (ctx.signal.aborted || ctx.expired()) break;
    if (ctx.isClaimed(el)) continue;
    try {
      const r = fn(el);
      if (Array.isArray(r)) out.push(...r);
      else if (r) out.push(r);
    } catch (err) {
      out.push({
        element: el, kind: 'other', source, exact: false, series: [],
        notes: [`This ${source} chart could not be read: ${errorText(err)}`],
      });
    }
  }
  return out;
}

export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.slice(0, 200);
}
