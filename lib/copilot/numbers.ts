import type { Sentence } from './sentences';

// Finds every number a sentence states, and what kind of number it is: a percent, percentage
// points, money, a multiplier, a duration, a date, a range, a fraction word, a rank. Each token
// keeps the precision it was written with, because "15%" and "15.2%" claim different things.
// Spans are consumed most-specific first (citations, quoted names, dates, ranges, numbers, words)
// so "Oct 10" is one date, not the number 10.

export type TokenKind =
  | 'number' | 'percent' | 'pp' | 'points' | 'multiplier' | 'currency' | 'duration'
  | 'date' | 'year' | 'time' | 'ordinal' | 'fraction' | 'change-word';

export interface DateParts {
  y?: number;
  m?: number;
  d?: number;
  /** Second day of a "Oct 10–12" range. */
  d2?: number;
  /** Alternative reading of a slash date (day/month). */
  alt?: { m: number; d: number };
}

export interface NumberToken {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
  value: number;
  /** Upper end of a range ("10–15%"). */
  high?: number;
  /** Written with an explicit sign (+ or -): then the sign must match too. */
  signed: boolean;
  /** Half a unit of the last digit shown, in value units. */
  tolerance: number;
  unit?: string;
  hedge?: 'approx' | 'at-least' | 'at-most';
  /** "last 7 days", "a 7-day window": a window length rather than a measured duration. */
  window?: boolean;
  date?: DateParts;
  /** Acceptable interval for words: percent for fractions, percent change for change words. */
  pctRange?: [number, number];
  ratioRange?: [number, number];
}

const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const month = (s: string) => MONTH_INDEX[s.slice(0, 3).toLowerCase()];

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+`;
const SCALE: Record<string, number> = {
  k: 1e3, K: 1e3, thousand: 1e3, m: 1e6, M: 1e6, mn: 1e6, million: 1e6, B: 1e9, b: 1e9, bn: 1e9, billion: 1e9,
};
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const DURATION: Record<string, string> = {
  day: 'days', days: 'days', d: 'days', week: 'weeks', weeks: 'weeks', wk: 'weeks', wks: 'weeks', w: 'weeks',
  month: 'months', months: 'months', mo: 'months', year: 'years', years: 'years', yr: 'years', yrs: 'years',
  hour: 'hours', hours: 'hours', h: 'hours', hr: 'hours', hrs: 'hours', minute: 'minutes', minutes: 'minutes',
  min: 'minutes', mins: 'minutes', quarter: 'quarters', quarters: 'quarters',
};

/** What counts as a name or label: ranks, steps, weeks of the year, versions ("step 2", "top 3"). */
const ORDINAL_BEFORE = /(?:\b(?:step|steps|stage|top|bottom|rank|ranked|no\.|number|tier|level|phase|row|column|page|item|option|version|week|day|chart|plan)\s*|#)$/i;
const WINDOW_BEFORE = /\b(?:last|past|previous|prior|next|first|trailing|rolling|over the|in the|the)\s+$/i;
const APPROX_BEFORE = /(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|close to|some|circa|ca\.)\s*|[~≈]\s*)$/i;
const MORE_BEFORE = /\b(?:over|more than|above|at least|upwards of|exceeding)\s+$/i;
const LESS_BEFORE = /\b(?:under|less than|below|at most|fewer than|up to)\s+$/i;

interface Ctx {
  s: Sentence;
  /** Sentence text with consumed spans blanked out (same length, so offsets hold). */
  buf: string[];
  out: NumberToken[];
}

function consume(c: Ctx, from: number, to: number): void {
  for (let i = from; i < to; i++) c.buf[i] = ' ';
}

function scan(c: Ctx, re: RegExp, f: (m: RegExpExecArray) => Omit<NumberToken, 'start' | 'end' | 'text'> | null): void {
  const text = c.buf.join('');
  for (const m of text.matchAll(re)) {
    const i = m.index;
    if (c.buf[i] === ' ' && m[0][0] !== ' ') continue; // consumed by an earlier match in this pass
    const t = f(m as RegExpExecArray);
    if (!t) continue;
    const raw = c.s.text.slice(i, i + m[0].length);
    c.out.push({ ...t, text: raw.trim(), start: c.s.start + i, end: c.s.start + i + m[0].length });
    consume(c, i, i + m[0].length);
  }
}

function decimals(numText: string): number {
  const dot = numText.indexOf('.');
  return dot < 0 ? 0 : numText.length - dot - 1;
}

function parseNum(numText: string): number {
  return Number(numText.replace(/,/g, ''));
}

function dates(c: Ctx): void {
  const date = (parts: DateParts) => ({ kind: 'date' as const, value: 0, signed: false, tolerance: 0, date: parts });
  scan(c, /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g,
    (m) => date({ y: +m[1], m: +m[2], d: +m[3] }));
  scan(c, /\b(\d{4})-(\d{2})(?![\d-])/g, (m) => (+m[2] >= 1 && +m[2] <= 12 ? date({ y: +m[1], m: +m[2] }) : null));
  scan(c, new RegExp(String.raw`\b(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:\s*[–—-]\s*(\d{1,2})(?![\d%]))?(?:,?\s+(\d{4})(?!\d))?`, 'g'),
    (m) => date({ m: month(m[1]), d: +m[2], d2: m[3] ? +m[3] : undefined, y: m[4] ? +m[4] : undefined }));
  scan(c, new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAMES})\.?(?:,?\s+(\d{4})(?!\d))?\b`, 'g'),
    (m) => date({ d: +m[1], m: month(m[2]), y: m[3] ? +m[3] : undefined }));
  scan(c, new RegExp(String.raw`\b(${MONTH_NAMES})\.?,?\s+(\d{4})(?!\d)`, 'g'), (m) => date({ m: month(m[1]), y: +m[2] }));
  scan(c, /(?<![\d.,/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/%])/g, (m) => {
    const a = +m[1];
    const b = +m[2];
    const y = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : undefined;
    const us = a >= 1 && a <= 12 && b >= 1 && b <= 31;
    const eu = b >= 1 && b <= 12 && a >= 1 && a <= 31;
    if (!us && !eu) return null;
    return date({ y, ...(us ? { m: a, d: b } : { m: b, d: a }), alt: us && eu && a !== b ? { m: b, d: a } : undefined });
  });
  scan(c, /(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])/g, (m) => ({ kind: 'time', value: +m[1] * 60 + +m[2], signed: false, tolerance: 0 }));
}

const UNIT_AFTER = String.raw`(\s?%|\s?percent\b|\s?per cent\b|\s?pp\b|\s?p\.p\.|\s?percentage points?\b|\s?(?:points?|pts)\b|\s?[x×](?![\p{L}\d])|\s?times\b|-?fold\b|[\s-]?(?:days?|weeks?|wks?|months?|mo|years?|yrs?|hours?|hrs?|minutes?|mins?|quarters?)\b|(?:d|w|h)\b|[a-zA-Zµ]{1,4}\b)?`;

function unitKind(u: string): { kind: TokenKind; unit?: string } {
  const x = u.trim().replace(/^-/, '').toLowerCase();
  if (!x) return { kind: 'number' };
  if (x === 'pp' || x === 'p.p.' || x.startsWith('percentage point')) return { kind: 'pp', unit: 'pp' };
  if (x === '%' || x.startsWith('percent') || x === 'per cent') return { kind: 'percent', unit: '%' };
  if (x.startsWith('point') || x === 'pts') return { kind: 'points', unit: 'points' };
  if (x === 'x' || x === '×' || x === 'times' || x === 'fold') return { kind: 'multiplier', unit: 'x' };
  if (DURATION[x]) return { kind: 'duration', unit: DURATION[x] };
  // Any other short unit glued on ("380ms", "12 GB") is a label: the number is read as it is.
  return { kind: 'number', unit: u.trim() };
}

function ranges(c: Ctx): void {
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}_.,])([$€£¥]?)(${NUM})\s?(K|k|M|B|bn)?(\s?%)?(\s*(?:–|—|-)\s*|\s+and\s+)\1(${NUM})\s?(K|k|M|B|bn)?${UNIT_AFTER}(?![\p{L}\d])`, 'gu');
  scan(c, re, (m) => {
    const [, cur, a, sa, pa, sep, b, sb, unitRaw] = m;
    const u = unitRaw ?? pa ?? '';
    // "10-15" without any unit is as likely a score or an id. "and" only in "between 10 and 15%";
    // "from 41.2% to 34.9%" is a before and an after, never a range.
    if (!u && !cur && !sa && !sb) return null;
    if (/and/.test(sep) && !/\bbetween\s+$/i.test(c.buf.join('').slice(0, m.index))) return null;
    const scaleB = SCALE[sb ?? ''] ?? 1;
    const scaleA = SCALE[sa ?? ''] ?? scaleB;
    const uk = unitKind(u);
    const kind = cur ? 'currency' : uk.kind;
    const lo = parseNum(a) * scaleA;
    const hi = parseNum(b) * scaleB;
    return {
      kind, unit: cur ? CURRENCY[cur] : uk.unit, value: Math.min(lo, hi), high: Math.max(lo, hi), signed: false,
      tolerance: 0.5 * 10 ** -Math.max(decimals(a), decimals(b)) * Math.max(scaleA, scaleB),
    };
  });
}

function plainNumbers(c: Ctx): void {
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}_.,])([+\-−]?)([$€£¥]?)([+\-−]?)(${NUM})(?:\s?(K|k|M|B|bn|mn)(?![\p{L}\d])|\s(thousand|million|billion)\b)?${UNIT_AFTER}(st|nd|rd|th)?(?![\p{L}\d])`, 'gu');
  const text = c.buf.join('');
  scan(c, re, (m) => {
    const [, sign1, cur, sign2, numText, suffix, word, unitRaw, ord] = m;
    const i = m.index;
    const sign = sign1 || sign2;
    // A hyphen right after a word or digit is a dash ("Q3-2026", "A-1"), not a minus.
    const signed = !!sign && (i === 0 || /[\s(\[:=]/.test(text[i - 1]));
    const before = text.slice(0, i);
    const scaleWord = suffix ?? word ?? '';
    // "5m" alone is more often minutes than millions; only money takes a lowercase m.
    if (scaleWord === 'm' && !cur) return null;
    const scale = SCALE[scaleWord] ?? 1;
    const v = parseNum(numText) * scale * (signed && sign !== '+' ? -1 : 1);
    const base = { value: v, signed, tolerance: 0.5 * 10 ** -decimals(numText) * scale };
    if (ord || /^(st|nd|rd|th)$/.test(unitRaw ?? '') || ORDINAL_BEFORE.test(before)) {
      return { ...base, kind: 'ordinal', signed: false, value: Math.abs(v) };
    }
    const uk = unitKind(unitRaw ?? '');
    const hedge = APPROX_BEFORE.test(before) ? 'approx' : MORE_BEFORE.test(before) ? 'at-least' : LESS_BEFORE.test(before) ? 'at-most' : undefined;
    if (cur) return { ...base, kind: 'currency', unit: CURRENCY[cur], hedge };
    if (uk.kind === 'duration') {
      return { ...base, ...uk, window: WINDOW_BEFORE.test(before) || /^-/.test(unitRaw ?? '') };
    }
    if (uk.kind === 'number' && !signed && !scaleWord && /^(19|20)\d\d$/.test(numText)) return { ...base, kind: 'year' };
    return { ...base, ...uk, hedge };
  });
}

const WORDS: Array<{ re: RegExp; kind: 'fraction' | 'change-word' | 'multiplier'; pct?: [number, number]; ratio?: [number, number] }> = [
  { re: /\b(?:a|one)[\s-]half\b|(?<!\b(?:first|second|last|other|the|this|next|previous)\s)\bhalf\b(?!\s(?:of the (?:year|month|week|day)|year|hour))/gi, kind: 'fraction', pct: [45, 55], ratio: [0.45, 0.55] },
  { re: /\b(?:a|one)[\s-]third\b/gi, kind: 'fraction', pct: [30, 37], ratio: [0.3, 0.37] },
  { re: /\btwo[\s-]thirds\b/gi, kind: 'fraction', pct: [63, 70], ratio: [0.63, 0.7] },
  { re: /\b(?:a|one)[\s-]quarter\b(?=\s+of\b)/gi, kind: 'fraction', pct: [22, 28], ratio: [0.22, 0.28] },
  { re: /\bthree[\s-]quarters\b/gi, kind: 'fraction', pct: [72, 78], ratio: [0.72, 0.78] },
  { re: /\b(?:a|one)[\s-]fifth\b/gi, kind: 'fraction', pct: [18, 22], ratio: [0.18, 0.22] },
  { re: /\b(?:a|one)[\s-]tenth\b/gi, kind: 'fraction', pct: [9, 11], ratio: [0.09, 0.11] },
  { re: /\bdoubled\b|\bdoubling\b/gi, kind: 'change-word', pct: [90, 110], ratio: [1.9, 2.1] },
  { re: /\btripled\b|\btripling\b/gi, kind: 'change-word', pct: [190, 210], ratio: [2.85, 3.15] },
  { re: /\bquadrupled\b/gi, kind: 'change-word', pct: [285, 315], ratio: [3.8, 4.2] },
  { re: /\bhalved\b|\bhalving\b/gi, kind: 'change-word', pct: [-55, -45], ratio: [0.45, 0.55] },
  { re: /\btwice\b/gi, kind: 'multiplier', ratio: [1.9, 2.1] },
];

function words(c: Ctx): void {
  for (const w of WORDS) {
    scan(c, w.re, () => ({
      kind: w.kind, value: w.ratio ? (w.ratio[0] + w.ratio[1]) / 2 : 0, signed: false, tolerance: 0,
      pctRange: w.pct, ratioRange: w.ratio, unit: w.kind === 'multiplier' ? 'x' : undefined,
    }));
  }
}

/**
 * Every number stated in a sentence. `isName(text)` says whether a quoted span is a name the
 * evidence uses (a chart title like “Top 10 pages”): numbers inside such names are not claims.
 */
export function extractNumbers(s: Sentence, isName: (inner: string) => boolean): NumberToken[] {
  const c: Ctx = { s, buf: [...s.text], out: [] };
  // Surrogate pairs would shift offsets; they never carry digits, so flatten them to one char.
  if (c.buf.length !== s.text.length) c.buf = Array.from({ length: s.text.length }, (_, i) => s.text[i]);
  for (const [a, b] of s.markers) consume(c, a - s.start, b - s.start);
  for (const m of s.text.matchAll(/[“"]([^“”"\n]{1,300})[”"]/g)) {
    if (isName(m[1])) consume(c, m.index, m.index + m[0].length);
  }
  // Markdown list numbers ("1. ", "2) ") and heading marks are structure, not claims.
  const lead = /^\s*(?:[-*+•]\s+)?(?:\d+[.)]\s+)?/.exec(s.text);
  if (lead && /\d/.test(lead[0])) consume(c, 0, lead[0].length);
  // Identifiers glued to letters (GA4, E3, Q3, H1, v2, R²) are skipped by the number pattern itself;
  // "24/7" is an idiom, not a date.
  for (const m of s.text.matchAll(/(?<![\d/])24\/7(?![\d/])/g)) consume(c, m.index, m.index + m[0].length);
  dates(c);
  ranges(c);
  plainNumbers(c);
  words(c);
  return c.out.sort((a, b) => a.start - b.start);
}
