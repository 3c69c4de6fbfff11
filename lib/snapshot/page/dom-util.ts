/** Small DOM helpers for the ISOLATED-world readers (tables, SVG, canvas, KPI tiles, context). */

import { yearIn } from '../dates';

/** The page's language from `<html lang>` (or a `content-language` meta), for number and date parsing. */
export function pageLocale(doc: Document): string | undefined {
  const lang = doc.documentElement.getAttribute('lang')?.trim()
    || doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content')?.trim();
  return lang || undefined;
}

/** Text of an element with whitespace collapsed. textContent, not innerText: jsdom has no layout, and
 *  the readers must give the same answer in tests as in Chromium. */
export function textOf(el: Element | null | undefined, max = 300): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** True when the document has a layout engine (Chromium); jsdom reports zero sizes for everything. */
export function hasLayout(doc: Document): boolean {
  const r = doc.documentElement.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** Hidden from a person: `hidden`, aria-hidden, display:none / visibility:hidden on it or an ancestor
 *  (inline or computed), or zero size where there is layout. */
export function isHidden(el: Element, win: Window | null, layout: boolean): boolean {
  if (el.closest('[hidden],[aria-hidden="true"],template')) return true;
  if (win) {
    for (let n: Element | null = el; n; n = n.parentElement) {
      const cs = win.getComputedStyle(n);
      if (cs.display === 'none') return true;
      if (n === el && (cs.visibility === 'hidden' || cs.visibility === 'collapse')) return true;
    }
  }
  if (layout) return !drawn(el, win);
  return false;
}

/** Takes up room on the page. A `display: contents` box has no box of its own (a grid wrapper around
 *  a <dt>/<dd> pair): it is drawn when one of its children is. */
function drawn(el: Element, win: Window | null, depth = 0): boolean {
  const r = el.getBoundingClientRect();
  if (r.width > 0 || r.height > 0) return true;
  if (depth > 3 || win?.getComputedStyle(el).display !== 'contents') return false;
  return Array.from(el.children).some((c) => drawn(c, win, depth + 1));
}

/** A four-digit year the page shows near its date controls or title, for date labels without one
 *  ("Oct 10"). Only looks at places a date range is printed; undefined when the page names none. */
export function pageYear(doc: Document): number | undefined {
  // Not the chart's own text: a tick "2000" on a value axis is not a year.
  const texts: string[] = [];
  for (const el of Array.from(doc.querySelectorAll(
    'input[type="date"],[class*="date" i],[class*="range" i],[class*="period" i],[aria-label*="date" i],[data-testid*="date" i],time',
  )).slice(0, 50)) {
    texts.push((el as HTMLInputElement).value ?? '', el.getAttribute('datetime') ?? '', textOf(el));
  }
  texts.push(doc.title);
  return yearIn(texts.filter(Boolean));
}

const HEADING = 'h1,h2,h3,h4,h5,h6,[role="heading"],[class*="title" i],figcaption';
const CARD = 'article,section,figure,[role="region"],[role="figure"],[class*="card" i],[class*="panel" i],[class*="widget" i],[class*="tile" i]';

/** The element's aria-label, else the text of what aria-labelledby names; "" when it has neither. */
export function accessibleName(el: Element, max = 300): string {
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return aria.replace(/\s+/g, ' ').trim().slice(0, max);
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const t = by.split(/\s+/).map((id) => textOf(el.ownerDocument.getElementById(id))).join(' ').trim();
    if (t) return t.slice(0, max);
  }
  return '';
}

/** The chart's own heading: its accessible name (unless `ignoreOwn` says it is a library default), else the NEAREST heading before it within a few
 *  ancestors (a card's header), never one further up the page. dom.ts findTitle takes the first
 *  preceding heading of an ancestor, which on a page of several cards is another card's. */
export function nearestTitle(el: Element, maxDepth = 6, ignoreOwn?: (name: string) => boolean): string {
  // A library's generic label on its own container ("Vega visualization") names no chart.
  const own = accessibleName(el);
  if (own && !ignoreOwn?.(own)) return own;
  for (let node: Element | null = el, depth = 0; node && node.parentElement && depth < maxDepth; node = node.parentElement, depth++) {
    let steps = 0;
    for (let sib = node.previousElementSibling; sib && steps < 6; sib = sib.previousElementSibling, steps++) {
      if (sib.matches(HEADING)) { const t = textOf(sib); if (t) return t; }
      // A header wrapper's heading is ours; a heading inside a sibling card is that card's.
      if (!sib.matches('header,[class*="header" i],[class*="head" i],[class*="toolbar" i]')) continue;
      const inner = sib.querySelectorAll(HEADING);
      for (let i = inner.length - 1; i >= 0; i--) { const t = textOf(inner[i]); if (t) return t; }
    }
    const parentName = depth < maxDepth - 1 ? accessibleName(node.parentElement) : '';
    if (parentName && node.parentElement.tagName !== 'BODY') return parentName;
    // A card's edge: a heading outside it belongs to the page or another card.
    if (node.parentElement.matches(CARD)) break;
  }
  return '';
}
