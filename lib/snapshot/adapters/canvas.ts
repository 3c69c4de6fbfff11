import type { Adapter, ChartRead } from '../adapter';
import { readEach, queryAll } from '../adapter';
import { findTitle } from '../dom';
import { hasLayout, isHidden, nearestTitle } from '../page/dom-util';

/** A canvas this small is an icon, a spinner or a sparkline, not a chart. */
export const MIN_CANVAS_WIDTH = 100;
export const MIN_CANVAS_HEIGHT = 60;
export const CANVAS_NOTE = 'A chart drawn on a canvas by a library Loupe does not recognise; its data cannot be read.';

/**
 * Bare canvases that no library adapter claimed: a pixel canvas keeps no data, so each becomes a chart
 * with no series and a note, so that the person knows a chart is there and was not read. Canvases of a
 * chart's layers (one parent holding several) are reported once.
 */
export const canvas: Adapter = {
  id: 'canvas',
  world: 'isolated',
  detect: (ctx) => queryAll(ctx, 'canvas').length > 0,
  read(ctx) {
    const layout = hasLayout(ctx.document);
    const seenParents = new Set<Element>();
    const els = (queryAll(ctx, 'canvas') as HTMLCanvasElement[]).filter((el) => {
      if (!chartSized(el, layout) || isHidden(el, ctx.window, layout)) return false;
      const parent = el.parentElement ?? el;
      if (seenParents.has(parent)) return false; // a second layer of the same chart
      seenParents.add(parent);
      return true;
    });
    return readEach(els, ctx, 'canvas', (el): ChartRead => {
      const title = nearestTitle(el) || findTitle(el);
      return {
        element: el, ...(title ? { title } : {}),
        kind: 'other', source: 'canvas', exact: false, series: [], notes: [CANVAS_NOTE],
      };
    });
  },
};

/** The size a person sees: the laid-out box where there is layout, else the width/height attributes
 *  (or inline style) — jsdom has no layout, and an unsized canvas is 300×150 by default. */
function chartSized(el: HTMLCanvasElement, layout: boolean): boolean {
  let w: number;
  let h: number;
  if (layout) {
    const r = el.getBoundingClientRect();
    w = r.width; h = r.height;
  } else {
    w = px(el.style.width) ?? el.width;
    h = px(el.style.height) ?? el.height;
  }
  return w >= MIN_CANVAS_WIDTH && h >= MIN_CANVAS_HEIGHT;
}

function px(v: string): number | undefined {
  const m = v.match(/^([\d.]+)px$/);
  return m ? Number(m[1]) : undefined;
}
