/**
 * The dashboard's context, DOM only (ISOLATED world: no page globals): which tool it is, the date
 * range, comparison, timezone and filters a person has set. Conservative: page text is quoted as
 * shown (trimmed, at most 200 characters), never rephrased, and a field is left out rather than
 * guessed. Page text is data: nothing here acts on it.
 */
import type { Context, Tool } from '../schema';
import { textOf } from './dom-util';

const MAX = 200;
const MAX_FILTERS = 20;

const TOOL_NAMES: Array<[Exclude<Tool, 'generic'>, RegExp]> = [
  ['looker-studio', /looker\s*studio|data\s*studio|lookerstudio|datastudio/i],
  ['ga4', /google\s*analytics|\bGA4\b/i],
  ['mixpanel', /mixpanel/i],
  ['amplitude', /amplitude/i],
  ['posthog', /posthog/i],
  ['grafana', /grafana/i],
  ['metabase', /metabase/i],
  ['superset', /superset|preset\.io/i],
];

const HOSTS: Array<[Exclude<Tool, 'generic'>, RegExp]> = [
  ['looker-studio', /^(lookerstudio|datastudio)\.google\.com$/],
  ['ga4', /^analytics\.google\.com$/],
  ['mixpanel', /(^|\.)mixpanel\.com$/],
  ['amplitude', /(^|\.)amplitude\.com$/],
  ['posthog', /(^|\.)posthog\.com$/],
  ['grafana', /(^|[.-])grafana([.-]|$)/],
  ['metabase', /(^|[.-])metabase(app)?([.-]|$)/],
  ['superset', /(^|[.-])superset([.-]|$)|(^|\.)preset\.io$/],
];

function toolIn(text: string | null | undefined): Tool | null {
  if (!text) return null;
  for (const [tool, re] of TOOL_NAMES) if (re.test(text)) return tool;
  return null;
}

/** The analytics tool: hostname, then the page's meta tags, then class names the products use for
 *  their root elements, then the title, then the brand in the header. Else 'generic'. */
export function detectTool(doc: Document, win: Window | null): Tool {
  const host = (() => { try { return win?.location.hostname ?? ''; } catch { return ''; } })();
  for (const [tool, re] of HOSTS) if (re.test(host)) return tool;
  for (const sel of ['meta[name="application-name"]', 'meta[property="og:site_name"]', 'meta[name="generator"]', 'meta[name="apple-mobile-web-app-title"]']) {
    const t = toolIn(doc.querySelector(sel)?.getAttribute('content'));
    if (t) return t;
  }
  if (doc.querySelector('.grafana-app,grafana-app,[class*="grafana-" i]')) return 'grafana';
  const classHit = doc.querySelector('[class*="metabase" i],[class*="superset" i],[class*="posthog" i],[class*="mixpanel" i],[class*="amplitude" i]');
  if (classHit) { const t = toolIn(typeof classHit.className === 'string' ? classHit.className : ''); if (t) return t; }
  const fromTitle = toolIn(doc.title) ?? (/[-–—·|]\s*Analytics\s*$/.test(doc.title) ? 'ga4' : null);
  if (fromTitle) return fromTitle;
  for (const el of Array.from(doc.querySelectorAll('header [class*="brand" i],header [class*="logo" i],[class*="brand" i],[class*="logo" i]')).slice(0, 10)) {
    const t = toolIn(textOf(el, 100)) ?? toolIn(el.getAttribute('alt')) ?? toolIn(el.getAttribute('aria-label'));
    if (t) return t;
  }
  return 'generic';
}

// English month names, and the German / French / Spanish ones that differ ("Okt.", "März", "déc.").
const MONTH = '(?:jan|feb|f[ée]v|mar|m[äa]r|apr|avr|abr|may|mai|jun|juin|jul|juil|aug|ao[uû]|ago|sep|sept|set|oct|okt|nov|dec|dez|d[ée]c|dic|ene)[a-zäéû]*\\.?';
const DAY_MONTH = `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}\\.?\\s+${MONTH})(?:,?\\s+\\d{4})?`;
// A numeric date, maybe with a time of day (Grafana: "2026-08-01 00:00:00 to 2026-10-23 23:59:59").
const NUMERIC = '(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?';
const ONE_DATE = `(?:${DAY_MONTH}|${NUMERIC})`;
const RANGE = new RegExp(`${ONE_DATE}\\s*(?:[–—-]|to|bis|au)\\s*${ONE_DATE}`, 'i');
const RELATIVE = /^(?:last|past|previous|this|current)\s+(?:\d+\s+)?(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?)|^(?:last|past)\s+\d+\s*[dwmhy]\b|^(?:today|yesterday|all time|year to date|month to date|ytd|mtd|qtd|wtd)$|^\d+\s*(?:d|days|w|weeks|m|months|h|hours|y|years)$|^now-\d+[smhdwMy]\b/i;
const DATE_LABEL = /^(?:date|dates|date range|period|time range|time|created at|datum|zeitraum)\s*:?$/i;
const LABEL_PREFIX = /^(?:date range|date|period|time range|range|dates|time)\s*:\s*/i;

const DATE_SEL = [
  '[class*="date-range" i]', '[class*="daterange" i]', '[class*="date-picker" i]', '[class*="datepicker" i]',
  '[class*="time-range" i]', '[class*="timerange" i]', '[class*="time-picker" i]', '[class*="timepicker" i]',
  '[aria-label*="date" i]', '[aria-label*="time range" i]', '[aria-label*="period" i]',
  '[data-testid*="date" i]', '[data-testid*="range" i]', '[data-testid*="period" i]', '[id*="date-range" i]',
].join(',');

function clip(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, MAX);
}

/** What a control shows: the selected option, an input's value, or its text. */
function shown(el: Element): string {
  if (el.tagName === 'SELECT') {
    const sel = el as HTMLSelectElement;
    return clip(sel.options[sel.selectedIndex]?.textContent ?? '');
  }
  if (el.tagName === 'INPUT') return clip((el as HTMLInputElement).value ?? '');
  // A group of period buttons: the pressed / selected / active one.
  const pressed = el.querySelector('[aria-pressed="true"],[aria-selected="true"],[aria-checked="true"],.active,.selected');
  if (pressed && textOf(pressed)) return clip(textOf(pressed));
  return clip(textOf(el, 400));
}

function dateRangeOf(text: string): string | null {
  const t = text.replace(LABEL_PREFIX, '').trim();
  const m = t.match(RANGE);
  if (m) return clip(m[0]);
  if (RELATIVE.test(t) && t.length <= 60) return clip(t);
  return null;
}

const SINGLE_DATE = new RegExp(`^${ONE_DATE}$`, 'i');

function findDateRange(doc: Document): string | undefined {
  const pickers = Array.from(doc.querySelectorAll(DATE_SEL)).filter((el) => !el.closest('[data-loupe-chart]')).slice(0, 40);
  for (const el of pickers) {
    const r = dateRangeOf(shown(el));
    if (r) return r;
  }
  // A button (or picker) whose whole text is a range, or one full date ("Oct 23, 2026": a one-day range).
  for (const el of [...pickers, ...Array.from(doc.querySelectorAll('button,[role="button"]')).slice(0, 200)]) {
    if (el.closest('[data-loupe-chart]')) continue;
    const t = shown(el).replace(LABEL_PREFIX, '');
    if (t.length <= 60 && (RANGE.test(t) || (SINGLE_DATE.test(t) && /\d{4}/.test(t)))) return clip(t);
  }
  // A relative period beside a "Date" label (Metabase's date filter: "Date" · "Previous 30 days").
  for (const el of leaves(doc, 40)) {
    const t = textOf(el, 40);
    if (!RELATIVE.test(t) || !/^[\w\s-]+$/.test(t)) continue;
    const beside = textOf(el.previousElementSibling, 40) || el.parentElement?.getAttribute('aria-label') || '';
    if (DATE_LABEL.test(beside)) return clip(t);
  }
  const dates = Array.from(doc.querySelectorAll<HTMLInputElement>('input[type="date"],input[type="datetime-local"]')).filter((i) => i.value);
  if (dates.length >= 2) return clip(`${dates[0].value} – ${dates[1].value}`);
  // Fallback: a short text that is a date range ("Aug 1 – Oct 23, 2026").
  for (const el of leaves(doc, 80)) {
    const m = textOf(el, 80).match(RANGE);
    if (m) return clip(m[0]);
  }
  return undefined;
}

/** Short leaf-ish elements outside charts, tables and SVG, in page order (bounded). Computed once
 *  per read: a TreeWalker skips whole subtrees, so a 10,000-row table costs nothing here. */
function leaves(doc: Document, maxLen: number): Element[] {
  const cache = leafCache.get(doc);
  const all = cache ?? collectLeaves(doc);
  if (!cache) leafCache.set(doc, all);
  return all.filter((l) => l.len <= maxLen * 2).map((l) => l.el);
}

const leafCache = new WeakMap<Document, Array<{ el: Element; len: number }>>();

function collectLeaves(doc: Document): Array<{ el: Element; len: number }> {
  const out: Array<{ el: Element; len: number }> = [];
  if (!doc.body) return out;
  const walker = doc.createTreeWalker(doc.body, 1 /* SHOW_ELEMENT */, {
    acceptNode: (n) => ((n as Element).matches('script,style,noscript,template,svg,canvas,table,[role="grid"],[data-loupe-chart]') ? 2 : 1),
  });
  let seen = 0;
  for (let n = walker.nextNode(); n && seen < 20_000 && out.length < 2000; n = walker.nextNode(), seen++) {
    const el = n as Element;
    if (el.childElementCount > 2 || el.tagName === 'OPTION') continue;
    const len = (el.textContent ?? '').length;
    if (len > 0 && len <= 200) out.push({ el, len });
  }
  return out;
}

function labelFor(el: Element): string {
  const doc = el.ownerDocument;
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return clip(aria);
  const by = el.getAttribute('aria-labelledby');
  if (by) { const t = by.split(/\s+/).map((id) => textOf(doc.getElementById(id))).join(' ').trim(); if (t) return clip(t); }
  if (el.id) {
    const lab = Array.from(doc.querySelectorAll('label')).find((l) => l.htmlFor === el.id);
    if (lab && textOf(lab)) return clip(textOf(lab));
  }
  const wrap = el.closest('label');
  if (wrap) {
    const own = Array.from(wrap.childNodes).filter((n) => n !== el && !(n as Element).contains?.(el)).map((n) => n.textContent ?? '').join(' ');
    if (own.trim()) return clip(own);
  }
  const prev = el.previousElementSibling;
  if (prev && /label/i.test(`${prev.className} ${prev.tagName}`) && textOf(prev).length <= 40) return clip(textOf(prev));
  return '';
}

const NOT_A_FILTER = /rows|per page|page size|language|theme|sort|order by|interval|granularity|group by|refresh|zoom|date|period|range|compar|time ?zone/i;
const FILTER_TEXT = /^(?:segments?|filters?|cohorts?|audiences?|countr(?:y|ies)|platforms?|environments?|env|regions?|stores?|plans?|devices?|channels?|teams?|products?|markets?)\s*:\s*\S/i;
const CHIP_SEL = '[class*="parameter-widget" i],[class*="ParameterValueWidget"],[data-testid="parameter-widget"],[aria-label*="filter" i],[data-testid*="filter" i],[class*="filter-chip" i],[class*="chip" i],[class*="pill" i],[class~="filter" i],[class*="filter-pill" i],[class*="segment-chip" i]';
const PARAM_SEL = '[class*="parameter-widget" i],[class*="ParameterValueWidget"],[data-testid="parameter-widget"]';
const NOT_CHIP = /^(?:\+?\s*add\b|clear|reset|filters?$|more$|apply$|edit$|done$|cancel$)/i;

const REMOVE = /^(?:remove|clear|delete|close|dismiss|entfernen|löschen)\b/i;

function isRemoveButton(el: Element): boolean {
  if (!el.matches('button,[role="button"]')) return false;
  return REMOVE.test(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '') || /^[×✕✖xX]$/.test(textOf(el, 4));
}

/** A chip's text without its remove button. */
function chipText(el: Element): string {
  const buttons = Array.from(el.querySelectorAll('button,[role="button"]')).filter(isRemoveButton);
  if (!buttons.length) return textOf(el, 150);
  const clone = el.cloneNode(true) as Element;
  for (const b of Array.from(clone.querySelectorAll('button,[role="button"]')).filter(isRemoveButton)) b.remove();
  return textOf(clone, 150);
}

function findFilters(doc: Document, taken: Set<Element>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const t = clip(s);
    if (!t || seen.has(t.toLowerCase()) || out.length >= MAX_FILTERS) return;
    seen.add(t.toLowerCase());
    out.push(t);
  };
  for (const sel of Array.from(doc.querySelectorAll('select'))) {
    if (taken.has(sel) || sel.closest('[data-loupe-chart]') || sel.multiple && sel.selectedOptions.length === 0) continue;
    const label = labelFor(sel).replace(/\s*:\s*$/, '');
    if (NOT_A_FILTER.test(label) || NOT_A_FILTER.test(`${sel.name} ${sel.id}`)) continue;
    const value = sel.multiple ? Array.from(sel.selectedOptions, (o) => textOf(o)).join(', ') : shown(sel);
    if (!value) continue;
    // Unlabelled, the selected option is quoted alone ("All stores"); a bare number is a page size.
    if (label) add(`${label}: ${value}`);
    else if (!/^\d+$/.test(value)) add(value);
  }
  // A labelled picker that is not a <select>: a button opening a list, a combobox (Grafana's variables).
  for (const el of Array.from(doc.querySelectorAll('button[aria-haspopup="listbox"],[role="combobox"]')).slice(0, 50)) {
    if (taken.has(el) || el.closest('[data-loupe-chart]')) continue;
    const label = labelFor(el).replace(/\s*:\s*$/, '');
    const value = shown(el);
    if (!label || !value || value.length > 80 || NOT_A_FILTER.test(label) || RANGE.test(value) || RELATIVE.test(value)) continue;
    add(`${label}: ${value}`);
  }
  // A chip's own "×" remove button ("Remove filter Country") is part of the chip, not a filter.
  const chips = Array.from(doc.querySelectorAll(CHIP_SEL)).filter((el) => !el.closest('[data-loupe-chart]') && el.tagName !== 'SELECT' && !isRemoveButton(el));
  for (const el of chips) {
    if (chips.some((o) => o !== el && el.contains(o))) continue; // a filter bar: its chips speak
    let text = chipText(el);
    // A parameter widget shows its name and value side by side ("Category" "Gizmo"): quoted as "Category: Gizmo".
    const parts = Array.from(el.children).map((c) => textOf(c, 80)).filter(Boolean);
    if (!text.includes(':') && parts.length === 2 && el.matches(PARAM_SEL)) {
      if (NOT_A_FILTER.test(parts[0])) continue;
      text = `${parts[0]}: ${parts[1]}`;
    }
    if (!text || text.length > 100 || NOT_CHIP.test(text)) continue;
    if (RANGE.test(text) || RELATIVE.test(text)) continue;
    add(text);
  }
  for (const el of leaves(doc, 80)) {
    const text = chipText(el).slice(0, 100);
    if (FILTER_TEXT.test(text) && text.length <= 80 && !Array.from(el.children).some((c) => textOf(c) === text)) add(text);
  }
  return out;
}

const COMPARE_TEXT = /^(?:compare(?:d)?(?:\s+to)?\s*:?\s*|vs\.?\s+|versus\s+)(?:the\s+)?(?:previous|prior|last|same|preceding)\b/i;

function findComparison(doc: Document, taken: Set<Element>): string | undefined {
  const controls = doc.querySelectorAll('[class*="compar" i],[aria-label*="compar" i],[data-testid*="compar" i],button,[role="button"],select,label');
  for (const el of Array.from(controls)) {
    if (el.closest('[data-loupe-chart]')) continue;
    if (el.tagName === 'SELECT') {
      const label = labelFor(el);
      if (/compar/i.test(label) && shown(el)) { taken.add(el); return clip(`${label.replace(/\s*:\s*$/, '')}: ${shown(el)}`); }
      continue;
    }
    const text = textOf(el, 120);
    if (!text || text.length > 80) continue;
    if (COMPARE_TEXT.test(text) || (/compar/i.test(`${el.className} ${el.getAttribute('aria-label') ?? ''}`) && /previous|prior|last|same|preceding/i.test(text))) return clip(text);
  }
  return undefined;
}

// A named zone says more than an offset ("(GMT-05:00) America/New_York" → "America/New_York").
const IANA = /\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?(?![\w/])/;
const OFFSET = /\b(?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?(?![\w/])/;
const zoneIn = (text: string) => (text.match(IANA) ?? text.match(OFFSET))?.[0];

function findTimezone(doc: Document): string | undefined {
  for (const el of Array.from(doc.querySelectorAll('[class*="timezone" i],[class*="time-zone" i],[aria-label*="timezone" i],[aria-label*="time zone" i],[data-testid*="timezone" i]'))) {
    const z = zoneIn(shown(el));
    if (z) return clip(z);
  }
  for (const el of leaves(doc, 60)) {
    const text = textOf(el, 60);
    const z = zoneIn(text);
    if (z && /time ?zone|^\s*(UTC|GMT)|\bin\b|\(/i.test(text)) return clip(z);
  }
  return undefined;
}

export function readPageContext(doc: Document, win: Window): { tool: Tool; context: Context } {
  leafCache.delete(doc); // the page may have changed since the last read
  const tool = detectTool(doc, win);
  const context: Context = {};
  const taken = new Set<Element>();
  const dateRange = findDateRange(doc);
  if (dateRange) context.dateRange = dateRange;
  const comparison = findComparison(doc, taken);
  if (comparison) context.comparison = comparison;
  const timezone = findTimezone(doc);
  if (timezone) context.timezone = timezone;
  const filters = findFilters(doc, taken);
  if (filters.length) context.filters = filters;
  return { tool, context };
}
