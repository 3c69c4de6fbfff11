// Point locator for Recharts. Recharts draws SVG without binding data to its marks, but after layout
// each graphical item (Line, Area, Bar, Scatter) passes its laid-out points down as props: `points`
// ({x, y, value, payload}) for lines and areas, `data` ({x, y, width, height, tooltipPosition}) for
// bars. Those fibers are reachable from the chart's wrapper, the same way the reader found the chart.
import { readFromFibers } from '@/lib/snapshot/adapters/react';
import { nearestFiber } from '@/lib/snapshot/adapters/react/fiber';
import { arr, get, isObj } from '@/lib/snapshot/adapters/react/safe';
import { num, placeAll, targetsFor, toPage, type Pixel } from './common';
import type { Locator } from './canvas-libs';

const MAX_FIBERS = 5000;
/** Fibers from the wrapper's up to the chart root (Recharts 3 nests providers around the wrapper). */
const MAX_UP = 30;

export const locateRecharts: Locator = (win, el, xs, series) => {
  const wrapper = el.matches('.recharts-wrapper') ? el : el.querySelector('.recharts-wrapper');
  if (!wrapper) return null;
  const [read] = readFromFibers(wrapper);
  if (!read || read.source !== 'recharts') return null;
  // The chart's own surface: legend icons are small SVGs inside the wrapper too.
  const surface = wrapper.querySelector(':scope > svg.recharts-surface') ?? largestSvg(wrapper) ?? wrapper;
  const laid = laidOutItems(wrapper);
  const notes: string[] = [];
  const points = placeAll(targetsFor(read, xs, series, notes), notes, (t) => {
    const item = laid.get(t.series)?.[t.pointIndex];
    return item ? toPage(win, surface, pixelOf(item)) : null;
  });
  return { points, method: 'recharts: laid-out points of the graphical item', notes };
};

/** The chart root: the nearest fiber up from the wrapper whose props carry the chart's `data` rows. */
function chartRoot(wrapper: Element): unknown {
  let fiber = nearestFiber(wrapper);
  for (let i = 0; fiber && i < MAX_UP; i++, fiber = get(fiber, 'return')) {
    const props = get(fiber, 'memoizedProps');
    if (arr(get(props, 'data')) && get(props, 'children') !== undefined) return fiber;
  }
  return undefined;
}

/** Laid-out items by series name (a graphical item's `name`, else its `dataKey`), first found wins. */
function laidOutItems(wrapper: Element): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const root = chartRoot(wrapper);
  const stack: unknown[] = root ? [get(root, 'child')] : [];
  for (let n = 0; stack.length && n < MAX_FIBERS; n++) {
    const fiber = stack.pop();
    if (!isObj(fiber)) continue;
    const props = get(fiber, 'memoizedProps');
    const key = get(props, 'name') ?? get(props, 'dataKey');
    if (typeof key === 'string' || typeof key === 'number') {
      const items = arr(get(props, 'points')) ?? arr(get(props, 'data'));
      if (items && items.length && isLaidOut(items[0]) && !out.has(String(key))) out.set(String(key), items);
    }
    stack.push(get(fiber, 'sibling'), get(fiber, 'child'));
  }
  return out;
}

function isLaidOut(item: unknown): boolean {
  return num(get(item, 'x')) !== undefined && num(get(item, 'y')) !== undefined && isObj(get(item, 'payload'));
}

/** Where Recharts puts a point's tooltip (a bar's value end), else the point itself. */
function pixelOf(item: unknown): Pixel {
  const tip = get(item, 'tooltipPosition');
  const [tx, ty] = [num(get(tip, 'x')), num(get(tip, 'y'))];
  if (tx !== undefined && ty !== undefined) return { left: tx, top: ty };
  const [x, y] = [num(get(item, 'x')), num(get(item, 'y'))];
  return x === undefined || y === undefined ? null : { left: x, top: y };
}

function largestSvg(wrapper: Element): Element | undefined {
  let best: Element | undefined;
  let area = 0;
  for (const svg of Array.from(wrapper.querySelectorAll('svg')).slice(0, 50)) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) [best, area] = [svg, r.width * r.height];
  }
  return best;
}
