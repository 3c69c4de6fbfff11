/**
 * KPI tiles: a short label, one prominent number, maybe a delta ("+4.2%", "▲ 3.1%", "-12 vs last
 * week"), in the styles of Mixpanel, Amplitude, PostHog, GA4, Grafana stat panels, Metabase scalar
 * cards, Looker Studio scorecards and home-made dashboards.
 *
 * How a tile is found, DOM only:
 * 1. Value: an element whose whole text is one number (parseNumber with the page's `<html lang>`), that
 *    looks prominent: a class / id / data-testid hint (value, kpi, stat, metric, scorecard, scalar,
 *    big-number, ...), a font size of 20px or more, or a heading tag. When a parent's text is still one
 *    number ("1.2" + "s"), the parent is the value, so split units are kept.
 * 2. Tile: the value's ancestors, up to 4 levels, stopping at one with a tile hint (kpi, stat, metric,
 *    scorecard, tile, card, panel, widget) that has a label, and never taking one that holds a second
 *    value or more than 200 characters of text. A `<dd>` among several is its own tile, named by its `<dt>`.
 * 3. Label: a heading's whole text (h1-h6, dt, role=heading), else a short non-numeric text with a label
 *    hint (label, title, name, caption), else the nearest text before the value, else after; else the
 *    tile's aria-label / aria-labelledby. No label, no tile (a lone big number is not a KPI).
 * 4. Delta: a short text in the tile with a delta hint (delta, change, trend, diff, compare, growth) on it
 *    or a wrapper, or starting with a sign or arrow, or a bare percent whose colour class says up/down
 *    ("text-red-600"). An unsigned delta is negative when its classes, aria-label or an arrow icon in or
 *    beside it (svg class / aria-label, a Material icon's "arrow_downward") say down. Icon ligature text
 *    is not read as text. deltaUnit: the delta's own unit ("%", "pp"), else the value's.
 * Units: the value's parsed unit ("%", "USD", "x", "ms"), and "count" for a plain number.
 * A tile showing "—", "N/A" or nothing is left out with a page note: the schema needs a finite value
 * and an empty tile is not zero. Values that do not parse are noted, not guessed. Tiles inside charts
 * already read (data-loupe-chart), chart legends, tables, SVG, navigation and form controls are not looked at.
 */
import { CHART_ATTR, slug } from '../dom';
import { extractNumber, parseNumber, type ParsedNumber } from '../numbers';
import type { Metric } from '../schema';
import { accessibleName, hasLayout, isHidden, pageLocale, textOf } from './dom-util';

/** Elements looked at per page: bounds the time on huge pages. */
const MAX_SCAN = 30_000;
const MAX_TILES = 60;

const VALUE_HINT = /(value|number|amount|figure|big|kpi|stat|metric|score|scalar|headline|total|result)/i;
/** Numbers that are not KPI values: counters on badges, pagination, steps, versions. */
const NOT_VALUE_HINT = /(badge|notif|paginat|pager|step|rank|index|version|counter|unread)/i;
const TILE_HINT = /(kpi|stat|metric|scorecard|score-card|tile|card|panel|widget|scalar|big-?number|summary)/i;
const LABEL_HINT = /(label|title|name|caption|heading|header|legend|description)/i;
const DELTA_HINT = /(delta|change|trend|diff|compar|growth|increase|decrease|variation|pct|percent-change)/i;
const DOWN_HINT = /(^|[\s_-])(down|negative|decrease|decreasing|declin\w*|red|danger|bad|loss|falling)([\s_-]|$)/i;
const SKIP = 'script,style,noscript,template,svg,canvas,table,[role="grid"],[role="table"],[role="treegrid"],nav,[role="navigation"],select,textarea,input,option,[hidden],[aria-hidden="true"]';
/** A chart's legend ("Web 12,345 · Mobile 8,210") prints per-series totals, not KPI tiles. */
const LEGEND = /(^|[\s_-])(\w*-)?legend([\s_-]|$)|legend-?(item|value|list|entry)|chart-?legend/i;

function hints(el: Element): string {
  return `${typeof el.className === 'string' ? el.className : ''} ${el.id} ${el.getAttribute('data-testid') ?? ''} ${el.getAttribute('data-test') ?? ''}`;
}

function fontPx(el: Element, win: Window | null): number {
  if (!win) return 0;
  const v = win.getComputedStyle(el).fontSize || (el as HTMLElement).style?.fontSize || '';
  const m = v.match(/^([\d.]+)px$/);
  return m ? Number(m[1]) : 0;
}

function prominent(el: Element, win: Window | null): boolean {
  const own = hints(el);
  const parent = el.parentElement ? hints(el.parentElement) : '';
  if (NOT_VALUE_HINT.test(own) || DELTA_HINT.test(own) || DELTA_HINT.test(parent)) return false;
  if (VALUE_HINT.test(hints(el)) || (el.parentElement && VALUE_HINT.test(hints(el.parentElement)) && el.parentElement.childElementCount === 1)) return true;
  if (/^H[1-4]$/.test(el.tagName)) return true;
  return fontPx(el, win) >= 20;
}

/** Own text: the element's direct text nodes, for labels that sit beside other elements. */
function ownText(el: Element): string {
  let s = '';
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) s += n.textContent;
  return s.replace(/\s+/g, ' ').trim();
}

interface Candidate { el: Element; text: string; parsed: ParsedNumber }

export function readKpis(doc: Document): { metrics: Metric[]; notes: string[] } {
  const metrics: Metric[] = [];
  const notes: string[] = [];
  const body = doc.body;
  if (!body) return { metrics, notes };
  const win = doc.defaultView;
  const locale = pageLocale(doc);
  const layout = hasLayout(doc);

  // 1. Values.
  const candidates: Candidate[] = [];
  const walker = doc.createTreeWalker(body, 1 /* SHOW_ELEMENT */, {
    acceptNode: (n) => {
      const el = n as Element;
      if (el.matches(SKIP) || el.hasAttribute(CHART_ATTR) || LEGEND.test(hints(el))) return 2; // FILTER_REJECT: skip the subtree
      return 1;
    },
  });
  let scanned = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (++scanned > MAX_SCAN) { notes.push('The page is very large; KPI tiles further down were not looked for.'); break; }
    const el = n as Element;
    if (el.childElementCount > 3) continue;
    const text = textOf(el, 40);
    if (!text || text.length > 32) continue;
    const parsed = parseNumber(text, { locale });
    const placeholder = !parsed.ok && (parsed.reason === 'placeholder');
    if (!parsed.ok && !placeholder) continue;
    if (/^[▲▴△↑⬆↗▼▾▽↓⬇↘+]/.test(text)) continue; // an arrow or a plus sign marks a delta, not a value
    if (el.closest('button,a') && el.closest('button,a') === el) continue; // a count badge on a control
    candidates.push({ el, text, parsed });
  }
  // The outermost element whose text is still the one number ("1.2" + "s" → "1.2s"), prominent.
  const byEl = new Map(candidates.map((c) => [c.el, c]));
  const values: Candidate[] = [];
  for (const c of candidates) {
    if (c.el.parentElement && byEl.has(c.el.parentElement)) continue; // the parent is the value
    const chain: Candidate[] = [c];
    for (let d = c.el.firstElementChild; d && byEl.has(d) && d.parentElement!.childElementCount === 1; d = d.firstElementChild) chain.push(byEl.get(d)!);
    if (chain.some((x) => prominent(x.el, win))) values.push(c);
  }
  const valueEls = new Set(values.map((v) => v.el));

  // 2–4. Tiles, labels, deltas.
  const used = new Set<string>();
  for (const v of values) {
    if (metrics.length >= MAX_TILES) break;
    const tile = tileOf(v.el, valueEls) ?? (termOf(v.el) ? v.el : null);
    if (!tile || isHidden(tile, win, layout)) continue;
    const label = labelOf(tile, v.el) || termOf(v.el);
    if (!label) continue;
    if (!v.parsed.ok) {
      notes.push(v.parsed.reason === 'placeholder' || v.parsed.reason === 'empty'
        ? `KPI tile "${label}" shows no value ("${v.text}"); it was left out.`
        : `KPI tile "${label}": the value "${v.text}" could not be read (${v.parsed.reason}).`);
      continue;
    }
    let id = slug(label);
    for (let k = 2; used.has(id); k++) id = `${slug(label)}-${k}`;
    used.add(id);
    // A plain number is a count: said explicitly, as the fixture truths and the copilot expect.
    const unit = v.parsed.unit ?? (v.parsed.kind === 'count' ? 'count' : undefined);
    const metric: Metric = { id, label, value: v.parsed.value, ...(unit ? { unit } : {}) };
    const delta = deltaOf(tile, v.el, locale);
    if (delta) {
      metric.delta = delta.value;
      const du = delta.unit ?? unit;
      if (du) metric.deltaUnit = du;
    }
    metrics.push(metric);
  }
  return { metrics, notes };
}

/** The tile around a value: its ancestors up to 4 levels that hold no other value and little text.
 *  The first one with a tile hint AND a label wins ("css-stat" around the value and its delta is not the
 *  panel: the title sits a level up); else the outermost one. */
function tileOf(value: Element, values: Set<Element>): Element | null {
  let tile: Element | null = null;
  let node: Element | null = value.parentElement;
  for (let depth = 0; node && node !== node.ownerDocument.body && depth < 4; depth++, node = node.parentElement) {
    if ((node.textContent ?? '').replace(/\s+/g, ' ').trim().length > 200) break;
    let other = false;
    for (const v of values) if (v !== value && node.contains(v)) { other = true; break; }
    if (other) break;
    tile = node;
    if (TILE_HINT.test(hints(node)) && labelOf(node, value)) break;
  }
  return tile;
}

/** A `<dd>` value in a list of several: its term is the `<dt>` before it. */
function termOf(value: Element): string {
  const dd = value.closest('dd');
  for (let el = dd?.previousElementSibling; el; el = el.previousElementSibling) {
    if (el.tagName === 'DT') return textOf(el, 120);
    if (el.tagName === 'DD') continue; // several values for one term
    break;
  }
  return '';
}

function isNumberish(text: string): boolean {
  const p = parseNumber(text);
  return p.ok || p.reason === 'placeholder';
}

const HEADING_TAG = /^(H[1-6]|DT|LABEL|FIGCAPTION|CAPTION|LEGEND)$/;

/** The tile's name: a heading, else a text with a label hint, else the nearest text before the value,
 *  else after; else the tile's aria-label. A heading's whole text counts ("<h4><a>Pageviews</a></h4>"),
 *  so a hinted caption below it ("Unique users · last 30 days") does not win over the title. */
function labelOf(tile: Element, value: Element): string {
  const texts: Array<{ text: string; before: boolean; hinted: boolean; heading: boolean }> = [];
  for (const el of Array.from(tile.querySelectorAll('*'))) {
    if (el === value || value.contains(el) || el.contains(value)) continue;
    if (el.closest('button,[role="button"],[aria-hidden="true"]')) continue; // a menu's "⋮", an icon
    const heading = HEADING_TAG.test(el.tagName) || el.getAttribute('role') === 'heading';
    const text = el.childElementCount === 0 || heading ? visibleText(el, 120) : ownText(el);
    if (!text || text.length > 80 || isNumberish(text) || DELTA_HINT.test(hints(el))) continue;
    if (/^[+\-−▲▼↑↓]/.test(text) || /^(vs\.?|versus|compared|from|since|previous|prev\.?)\b/i.test(text)) continue;
    const before = !!(el.compareDocumentPosition(value) & 4 /* value FOLLOWS el */);
    texts.push({ text, before, heading, hinted: heading || LABEL_HINT.test(hints(el)) });
  }
  const own = ownText(tile);
  if (own && own.length <= 80 && !isNumberish(own)) texts.push({ text: own, before: false, hinted: false, heading: false });
  const pick = texts.find((t) => t.heading) ?? texts.find((t) => t.hinted) ?? [...texts].reverse().find((t) => t.before) ?? texts[0];
  if (pick) return pick.text;
  return accessibleName(tile, 120) || (tile.getAttribute('title') ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
}

/** Text a person reads: without icon ligatures ("arrow_downward" in a Material icon) and aria-hidden
 *  decorations. */
function visibleText(el: Element, max: number): string {
  if (!el.querySelector(ICON)) return textOf(el, max);
  const clone = el.cloneNode(true) as Element;
  for (const icon of Array.from(clone.querySelectorAll(ICON))) icon.remove();
  return textOf(clone, max);
}

const ICON = '[aria-hidden="true"],svg,i,mat-icon,[class*="material-icons" i],[class*="material-symbols" i],[class*="icon" i]';
/** Words icon names and labels use for a fall ("arrow_downward", "Icon-arrow_down", "fa-caret-down", "trending_down"). */
const ICON_DOWN = /(arrow|caret|chevron|trend(ing)?|triangle|fa)[\s_-]*(down|downward|drop|decrease)|\b(decrease|decreased|down)\b/i;
const ICON_UP = /(arrow|caret|chevron|trend(ing)?|triangle|fa)[\s_-]*(up|upward|rise|increase)|\b(increase|increased|up)\b/i;

/** Which way an icon in or beside the delta points, from its class, aria-label or ligature text. */
function iconDirection(el: Element, tile: Element): -1 | 1 | 0 {
  const scopes = [el];
  if (el.parentElement && el.parentElement !== tile && tile.contains(el.parentElement)) scopes.push(el.parentElement);
  for (const scope of scopes) {
    for (const icon of Array.from(scope.querySelectorAll(ICON))) {
      const said = `${hints(icon)} ${icon.getAttribute('class') ?? ''} ${icon.getAttribute('aria-label') ?? ''} ${icon.getAttribute('data-icon') ?? ''} ${icon.getAttribute('name') ?? ''} ${icon.childElementCount === 0 ? icon.textContent ?? '' : ''}`;
      if (ICON_DOWN.test(said)) return -1;
      if (ICON_UP.test(said)) return 1;
    }
  }
  return 0;
}

/** Colour classes that mark a change up or down ("text-red-600", "is-negative", "trend-up"). */
const UP_HINT = /(^|[\s_-])(up|positive|increase|increasing|green|success|good|gain|rising)([\s_-]|$)/i;

function deltaOf(tile: Element, value: Element, locale: string | undefined): { value: number; unit?: string } | null {
  for (const el of Array.from(tile.querySelectorAll('*'))) {
    if (el === value || value.contains(el) || el.contains(value)) continue;
    if (el.matches(ICON)) continue;
    const text = visibleText(el, 80);
    if (!text || text.length > 60) continue;
    // Hints of the element and its wrappers inside the tile: <div class="comparison"><span>17.2%</span></div>.
    let said = '';
    for (let n: Element | null = el; n && n !== tile; n = n.parentElement) said += ` ${hints(n)}`;
    const hinted = DELTA_HINT.test(said);
    const signed = /^[+\-−–▲▼↑↓⬆⬇↗↘▴▾]/.test(text);
    // Unsigned, only its colour class says which way: a percent on its own ("2.3%" in text-green-600).
    const coloured = !hinted && !signed && (DOWN_HINT.test(said) || UP_HINT.test(said));
    if (!hinted && !signed && !coloured) continue;
    // The innermost match: skip a wrapper when a child carries the same text.
    if (Array.from(el.children).some((c) => visibleText(c, 80) === text)) continue;
    const r = extractNumber(text, { locale });
    if (!r.ok) continue;
    if (coloured && !(r.unit === '%' || r.unit === 'pp') ) continue;
    // The number must lead ("▲ 3.1% vs last week", "Down 4%"), not sit in a caption ("vs previous 14 days").
    const lead = text.indexOf(r.token ?? '');
    if (lead < 0 || !/^\s*((up|down|increase|decrease|[▲▼↑↓⬆⬇↗↘▴▾])\s*)?$/i.test(text.slice(0, lead))) continue;
    let v = r.value;
    const explicitSign = /[+\-−–▲▼↑↓⬆⬇↗↘▴▾]/.test(text.slice(0, Math.max(1, text.indexOf(r.token ?? '') + 1)));
    if (!explicitSign && v > 0) {
      const down = DOWN_HINT.test(said) || DOWN_HINT.test(el.getAttribute('aria-label') ?? '') || /^down\b/i.test(text) || iconDirection(el, tile) < 0;
      if (down) v = -v;
    }
    return { value: v, ...(r.unit ? { unit: r.unit } : {}) };
  }
  return null;
}
