import type { Adapter } from '../adapter';
import { readEach, queryAll } from '../adapter';
import { yearIn } from '../dates';
import { hasLayout, isHidden, nearestTitle, pageLocale, pageYear, textOf } from '../page/dom-util';
import { frameFor } from './svg/geometry';
import { readSvgChart } from './svg/read';

/** Smaller than this is an icon or a sparkline. */
const MIN_WIDTH = 100;
const MIN_HEIGHT = 60;

/**
 * Generic SVG charts from libraries Loupe does not know (or hand-drawn ones): values estimated from
 * geometry through the axis tick labels, `exact: false` always.
 *
 * Conservative by design: an SVG needs tick labels on two axes (at least two on each, one of them
 * numeric and fitting a straight or log10 line) before anything is read. Sparklines and icons
 * without axes are skipped, not read as relative values: a number with no scale would be cited as if
 * it meant something.
 */
export const svg: Adapter = {
  id: 'svg',
  world: 'isolated',
  detect: (ctx) => queryAll(ctx, 'svg text').length > 0,
  read(ctx) {
    const doc = ctx.document;
    const layout = hasLayout(doc);
    const locale = pageLocale(doc);
    let pageY: number | undefined | null = null;
    const els = (queryAll(ctx, 'svg') as SVGSVGElement[]).filter((el) =>
      !el.parentElement?.closest('svg') && el.querySelector('text') && chartSized(el, layout) && !isHidden(el, ctx.window, layout));
    return readEach(els, ctx, 'svg', (el) => {
      const texts = Array.from(el.querySelectorAll('text'), (t) => textOf(t, 80));
      const year = yearIn(texts) ?? (pageY === null ? (pageY = pageYear(doc)) : pageY);
      const title = nearestTitle(el) || textOf(el.querySelector(':scope > title'));
      const assumeYear = new ctx.window.Date().getFullYear();
      return readSvgChart(el, { win: ctx.window, locale, year, assumeYear, frame: frameFor(el), ...(title ? { title } : {}) });
    });
  },
};

function chartSized(el: SVGSVGElement, layout: boolean): boolean {
  if (layout) {
    const r = el.getBoundingClientRect();
    return r.width >= MIN_WIDTH && r.height >= MIN_HEIGHT;
  }
  const abs = (v: string | null) => (v && !v.trim().endsWith('%') ? parseFloat(v) : NaN);
  let w = abs(el.getAttribute('width'));
  let h = abs(el.getAttribute('height'));
  const vb = (el.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (!(w > 0) && vb.length === 4) w = vb[2];
  if (!(h > 0) && vb.length === 4) h = vb[3];
  // No size anywhere (width="100%" with no viewBox): let the axis test decide.
  if (!(w > 0) || !(h > 0)) return true;
  return w >= MIN_WIDTH && h >= MIN_HEIGHT;
}
