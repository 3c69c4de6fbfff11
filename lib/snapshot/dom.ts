/** DOM helpers shared by both worlds. They take elements, never globals, so tests hand them fixtures. */
import { openShadowRoots, parentAcrossShadow, queryAllIn } from './shadow';

export const CHART_ATTR = 'data-loupe-chart';

const HEADING = 'h1,h2,h3,h4,h5,h6,[role="heading"],figcaption,caption,legend,.title,[class*="title" i]';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The chart's title from its nearest heading or accessible name, walking up a few ancestors. */
export function findTitle(el: Element, maxDepth = 5): string {
  const labelled = labelOf(el);
  if (labelled) return labelled;
  let node: Element | null = el;
  for (let depth = 0; node && depth < maxDepth; depth++, node = parentAcrossShadow(node)) {
    const own = labelOf(node);
    if (own && depth > 0) return own;
    // The nearest heading inside this ancestor that precedes the chart (a card's header): the last
    // one in document order, not the first, or a flat page gives every chart the page's first title.
    // A web component's heading sits in its shadow root, beside the chart, not under the host.
    const shadow = node.shadowRoot?.contains(el) ? Array.from(node.shadowRoot.querySelectorAll(HEADING)) : [];
    const headings = [...Array.from(node.querySelectorAll(HEADING)), ...shadow];
    for (let i = headings.length - 1; i >= 0; i--) {
      const h = headings[i];
      if (h === el || h.contains(el) || el.contains(h)) continue;
      if (el.compareDocumentPosition(h) & 2 /* PRECEDING */) {
        const t = clean(h.textContent);
        if (t) return t;
      }
    }
    // A card titled by a plain bold label (<span class="widget-name">) rather than a heading: its
    // first bold line before the chart, as long as this ancestor holds no other chart (else the label
    // could be another card's, and a heading further up is the better guess).
    if (depth > 0 && !holdsOtherChart(node, el)) {
      const label = boldLabelBefore(node, el);
      if (label) return label;
    }
  }
  return '';
}

const CHARTISH = 'canvas,svg,[_echarts_instance_],.js-plotly-plot';
const CONTROL = 'button,a,select,option,label,input,textarea,[role="button"],[role="tab"],[role="menuitem"]';

function holdsOtherChart(node: Element, el: Element): boolean {
  for (const c of Array.from(node.querySelectorAll(CHARTISH))) {
    if (c === el || el.contains(c) || c.contains(el) || c.closest(CONTROL)) continue;
    return true;
  }
  return false;
}

function isBold(e: Element): boolean {
  if (/^(B|STRONG)$/.test(e.tagName)) return true;
  try {
    const w = e.ownerDocument.defaultView?.getComputedStyle(e).fontWeight ?? '';
    return w === 'bold' || w === 'bolder' || Number(w) >= 600;
  } catch {
    return false;
  }
}

/** The first short bold text leaf inside `node` that precedes `el` (not a control, not a number). */
function boldLabelBefore(node: Element, el: Element): string {
  const leaves = node.querySelectorAll('*');
  for (let i = 0; i < leaves.length && i < 200; i++) {
    const e = leaves[i];
    if (e === el || el.contains(e) || !(el.compareDocumentPosition(e) & 2 /* PRECEDING */)) continue;
    if (e.childElementCount > 0 || e.closest(CONTROL)) continue;
    const t = clean(e.textContent);
    // A value ("12.3K", "$40", "+4%") is a KPI or a data label, not a title.
    if (t.length < 2 || t.length > 80 || !/\p{L}/u.test(t) || /^[\d$€£¥+\-−.,(]/.test(t)) continue;
    if (isBold(e)) return t;
  }
  return '';
}

function labelOf(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria && clean(aria)) return clean(aria);
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const text = by.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
    if (clean(text)) return clean(text);
  }
  if (el.tagName.toLowerCase() === 'svg') {
    const t = el.querySelector(':scope > title');
    if (t && clean(t.textContent)) return clean(t.textContent);
  }
  return '';
}

export function slug(text: string): string {
  const s = text.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_-]+/g, '-');
  return s.slice(0, 60).replace(/-+$/, '') || 'chart';
}

export function isClaimed(el: Element): boolean {
  // A chart's container may be a web component's host, outside the shadow root its canvas sits in.
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    if (node.hasAttribute(CHART_ATTR)) return true;
  }
  return false;
}

/** The element a read marked with `chartId`, in the document or a web component's shadow root. */
export function findChartElement(doc: Document, chartId: string): Element | null {
  // Attribute match by value, not a selector built from the id: ids are page-derived text.
  for (const el of queryAllIn(doc, openShadowRoots(doc), `[${CHART_ATTR}]`)) {
    if (el.getAttribute(CHART_ATTR) === chartId) return el;
  }
  return null;
}
