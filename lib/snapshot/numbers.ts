/**
 * Numbers as dashboards print them ("$12.3K", "1.234,5", "(1,234)", "3h 20m") turned into values.
 *
 * Rules (the report and tests rely on them):
 * - Empty text is `{ ok: false, reason: 'empty' }`; a placeholder ("—", "-", "–", "N/A", "n/a", "null",
 *   "--") is `{ ok: false, reason: 'placeholder' }`. Neither is ever zero.
 * - Separators are decided by structure first, by locale only when both readings are possible:
 *   both "." and "," present → the last one is the decimal mark ("1.234,5", "1,234.5" in any locale);
 *   one mark repeated ("1,234,567") → grouping; one mark once, followed by 1–2 or 4+ digits → decimal
 *   ("1,5", "0.25"); one mark once followed by exactly 3 digits ("1,234", "1.234") is ambiguous and the
 *   locale decides: in comma-decimal locales (de, fr, es, it, pt, nl, ru, pl, ...) "," is the decimal
 *   mark so "1,234" → 1.234 and "1.234" → 1234; elsewhere (and with no locale) the reverse. A leading
 *   zero ("0,123") is always decimal. Spaces (normal, no-break, narrow, thin) and apostrophes group
 *   digits only between groups of exactly three.
 * - Signs: "+", "-", "−" (U+2212), accounting parentheses "(1,234)", and arrows "▲▼↑↓" (▼ negates).
 * - Scale suffixes: K/k, M/m/mm, B/b/bn, T/tn and de/fr words (Tsd., Mio., Mrd., Md). A lone "m" is
 *   million, not minutes: minutes need "min" or a multi-part duration ("3h 20m", "2m 30s").
 * - Durations keep the number shown, as percents do ("7.4 min" → 7.4 "min", "1.2s" → 1.2 "s"); parts
 *   add up in the smallest unit shown ("3h 20m" → 200 "min").
 * - Units: "%" (and "pp" for percentage points), "USD", "EUR", "GBP", "JPY" (and a few other currency
 *   codes), "x" for ratios ("3.4x", "3.4×"), ms/s/min/h/d for durations; measures keep the unit shown
 *   ("3.4 GB" → 3.4 "GB", "1.2K req/s" → 1200 "req/s", "21 °C"); plain numbers have no unit.
 * - Anything else (trailing words, two numbers) is `{ ok: false }` with a reason: reported, not guessed.
 *   `extractNumber` finds the first number-looking token inside longer text (deltas like "-12 vs last week").
 */

export type NumberKind = 'percent' | 'currency' | 'count' | 'duration' | 'ratio' | 'measure';
export type ParsedNumber =
  | { ok: true; value: number; unit?: string; kind?: NumberKind }
  | { ok: false; reason: string };
export interface NumberOptions {
  /** The page's language, from `<html lang>` ("de", "fr-FR", "en-US"). */
  locale?: string;
}

const SPACES = /[\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\s]+/g;
const PLACEHOLDERS = new Set(['—', '-', '–', '--', '---', '−', 'n/a', 'na', 'null', 'none', 'nan', '…', '...', '∅', 'undefined', '‒', '―']);

/** Languages that write "1.234,5" (or "1 234,5"). Everything else is treated as "1,234.5". */
const COMMA_DECIMAL = new Set([
  'de', 'fr', 'es', 'it', 'pt', 'nl', 'ru', 'pl', 'tr', 'sv', 'da', 'nb', 'nn', 'no', 'fi', 'cs', 'sk', 'hu',
  'ro', 'bg', 'uk', 'el', 'hr', 'sl', 'sr', 'lt', 'lv', 'et', 'id', 'vi', 'ca', 'eu', 'gl', 'is', 'az', 'kk',
  'be', 'mk', 'sq', 'bs', 'ka', 'hy', 'af', 'ms_id',
]);

/** True when the page's language writes a comma as the decimal mark. Swiss German/Italian and
 *  Liechtenstein use "." (with an apostrophe for grouping). */
export function commaDecimal(locale: string | undefined): boolean {
  if (!locale) return false;
  const l = locale.toLowerCase().replace('_', '-');
  if (/^(de|it|rm)-(ch|li)\b/.test(l)) return false;
  if (/^es-(mx|us|pr|gt|hn|ni|pa|sv|do|cu)\b/.test(l)) return false;
  return COMMA_DECIMAL.has(l.split('-')[0]);
}

const CURRENCY_SYMBOLS: Array<[string, string]> = [
  ['US$', 'USD'], ['CA$', 'CAD'], ['C$', 'CAD'], ['A$', 'AUD'], ['AU$', 'AUD'], ['NZ$', 'NZD'], ['HK$', 'HKD'],
  ['R$', 'BRL'], ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['￥', 'JPY'], ['₹', 'INR'],
  ['₩', 'KRW'], ['₽', 'RUB'], ['₺', 'TRY'], ['₪', 'ILS'], ['CHF', 'CHF'], ['Fr.', 'CHF'],
];
const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'INR', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'BRL', 'MXN', 'KRW', 'HKD', 'SGD', 'ZAR']);

const SCALES: Record<string, number> = {
  k: 1e3, K: 1e3, thousand: 1e3, tsd: 1e3, 'tsd.': 1e3,
  m: 1e6, M: 1e6, mm: 1e6, MM: 1e6, mn: 1e6, mio: 1e6, 'mio.': 1e6, million: 1e6, millions: 1e6,
  b: 1e9, B: 1e9, bn: 1e9, Bn: 1e9, mrd: 1e9, 'mrd.': 1e9, md: 1e9, billion: 1e9, billions: 1e9, G: 1e9,
  t: 1e12, T: 1e12, tn: 1e12, trillion: 1e12,
};

const DURATION_MS: Record<string, number> = {
  ns: 1e-6, 'µs': 1e-3, 'μs': 1e-3, us: 1e-3,
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1e3, sec: 1e3, secs: 1e3, second: 1e3, seconds: 1e3,
  min: 6e4, mins: 6e4, minute: 6e4, minutes: 6e4,
  h: 3.6e6, hr: 3.6e6, hrs: 3.6e6, hour: 3.6e6, hours: 3.6e6,
  d: 8.64e7, day: 8.64e7, days: 8.64e7,
};

/** Keeps 12 significant digits so "12.3K" is 12300, not 12300.000000000002. */
function tidy(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(12));
}

const DOT_GROUPS = /^\d{1,3}(\.\d{3})+$/;
const COMMA_GROUPS = /^\d{1,3}(,\d{3})+$/;

/** A bare number (digits with separators, no sign) per the rules above, or a reason. */
export function parseDigits(raw: string, locale?: string): { ok: true; value: number } | { ok: false; reason: string } {
  let s = raw.replace(SPACES, ' ').trim();
  if (!/^[\d.,' ’]+$/.test(s) || !/\d/.test(s)) return { ok: false, reason: 'not a number' };
  // Spaces and apostrophes only group digits in threes.
  if (/[ '’]/.test(s)) {
    if (!/^\d{1,3}([ '’]\d{3})+([.,]\d+)?$/.test(s)) return { ok: false, reason: 'bad grouping' };
    s = s.replace(/[ '’]/g, '');
  }
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let decimal: '.' | ',' | null = null;
  if (dots && commas) {
    decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    if ((decimal === '.' ? dots : commas) > 1) return { ok: false, reason: 'mixed separators' };
  } else if (dots + commas === 1) {
    const mark = dots ? '.' : ',';
    const [int, frac] = s.split(mark);
    if (int === '' || frac === '') decimal = mark; // ".5" is a decimal; "5." handled below
    else if (frac.length !== 3 || /^0+$/.test(int)) decimal = mark;
    else if (int.length > 3) decimal = mark; // "1234,567" cannot be grouping
    else decimal = commaDecimal(locale) ? ',' : '.'; // the ambiguous "1,234": the locale decides
    if (decimal !== mark) decimal = null;
  }
  const group = decimal === ',' ? '.' : decimal === '.' ? ',' : dots ? '.' : ',';
  let [intPart, fracPart] = decimal ? s.split(decimal) : [s, undefined];
  if (intPart.includes(group)) {
    if (!(group === '.' ? DOT_GROUPS : COMMA_GROUPS).test(intPart)) return { ok: false, reason: 'bad grouping' };
    intPart = intPart.split(group).join('');
  }
  if (fracPart !== undefined && !/^\d*$/.test(fracPart)) return { ok: false, reason: 'bad decimals' };
  if (!/^\d*$/.test(intPart) || (intPart === '' && !fracPart)) return { ok: false, reason: 'not a number' };
  const value = Number(`${intPart || '0'}.${fracPart || '0'}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not finite' };
}

const NUM = String.raw`\d[\d.,'’ \u00a0\u202f\u2009]*\d|\d`;
const DURATION_PART = new RegExp(String.raw`(${NUM})\s*(ns|µs|μs|us|ms|msecs?|milliseconds?|secs?|seconds?|s|mins?|minutes?|m|hrs?|hours?|h|days?|d)(?![a-zµμ])`, 'giy');

const DURATION_UNIT_MS: Record<string, number> = { ns: 1e-6, 'µs': 1e-3, ms: 1, s: 1e3, min: 6e4, h: 3.6e6, d: 8.64e7 };

/** Converts a duration between the units parseNumber returns (ms, s, min, h, d, µs, ns); null when
 *  either unit is not a duration. Lets a table column that mixes "1.5s" and "250 ms" share one unit. */
export function convertDuration(value: number, from: string, to: string): number | null {
  const a = DURATION_UNIT_MS[from];
  const b = DURATION_UNIT_MS[to];
  return a === undefined || b === undefined ? null : tidy((value * a) / b);
}

/** The smallest of some duration units, or undefined when any of them is not a duration. */
export function smallestDurationUnit(units: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const u of units) {
    if (u === undefined || DURATION_UNIT_MS[u] === undefined) return undefined;
    if (best === undefined || DURATION_UNIT_MS[u] < DURATION_UNIT_MS[best]) best = u;
  }
  return best;
}

/** The unit a duration keeps: the one the page shows, spelled one way. */
function durationUnit(unit: string): string {
  if (unit === 'm' || unit.startsWith('min')) return 'min';
  if (unit === 'us' || unit === 'μs') return 'µs';
  if (unit.startsWith('ms') || unit.startsWith('milli')) return 'ms';
  if (unit === 's' || unit.startsWith('sec')) return 's';
  if (unit.startsWith('h')) return 'h';
  if (unit.startsWith('d')) return 'd';
  return unit;
}

/** A duration made of one or more "<number><unit>" parts. Like percents, it keeps the number shown:
 *  "7.4 min" is 7.4 min; parts add up in the smallest unit shown ("3h 20m" is 200 min). A lone "m" is
 *  not a duration (it is million); it is minutes only beside another part. */
function parseDuration(s: string, locale?: string): { value: number; unit: string } | null {
  DURATION_PART.lastIndex = 0;
  let totalMs = 0;
  let parts = 0;
  let hasLoneM = false;
  let smallest = '';
  let pos = 0;
  const text = s.trim();
  while (pos < text.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(text);
    if (!m) return null;
    const n = parseDigits(m[1], locale);
    if (!n.ok) return null;
    const unit = m[2].toLowerCase();
    const factor = unit === 'm' ? 6e4 : DURATION_MS[unit];
    if (factor === undefined) return null;
    if (unit === 'm') hasLoneM = true;
    if (!smallest || factor < (smallest === 'm' ? 6e4 : DURATION_MS[smallest])) smallest = unit;
    totalMs += n.value * factor;
    parts++;
    pos = DURATION_PART.lastIndex;
    while (pos < text.length && /[\s,]/.test(text[pos])) pos++;
  }
  if (!parts || (hasLoneM && parts === 1)) return null;
  const factor = smallest === 'm' ? 6e4 : DURATION_MS[smallest];
  return { value: totalMs / factor, unit: durationUnit(smallest) };
}

/** Parses the whole of `text` as one number with its unit; see the module comment for the rules. */
export function parseNumber(text: string, opts: NumberOptions = {}): ParsedNumber {
  let s = (text ?? '').replace(SPACES, ' ').trim();
  if (!s) return { ok: false, reason: 'empty' };
  if (PLACEHOLDERS.has(s.toLowerCase())) return { ok: false, reason: 'placeholder' };
  if (s.length > 60) return { ok: false, reason: 'too long' };
  // Fast paths: most table cells are plain numbers, and text without a digit is never one.
  if (/^\d[\d,.]*$/.test(s)) {
    const n = parseDigits(s, opts.locale);
    return n.ok ? { ok: true, value: tidy(n.value), kind: 'count' } : n;
  }
  if (!/\d/.test(s)) return { ok: false, reason: 'not a number' };

  let negative = false;
  // Arrows and signs may come before or after a currency symbol: "▼ $3.1K", "-$5", "$-5".
  const arrow = s.match(/^([▲▴△↑⬆↗▼▾▽↓⬇↘])\s*/);
  if (arrow) {
    negative = /[▼▾▽↓⬇↘]/.test(arrow[1]);
    s = s.slice(arrow[0].length);
  }
  if (/^\(.*\)$/.test(s)) { negative = !negative; s = s.slice(1, -1).trim(); }
  const sign = s.match(/^([+\-−–﹣－])\s*/);
  if (sign) { if (sign[1] !== '+') negative = !negative; s = s.slice(sign[0].length); }

  let unit: string | undefined;
  let kind: NumberKind | undefined;
  for (const [sym, code] of CURRENCY_SYMBOLS) {
    if (s.startsWith(sym)) { unit = code; s = s.slice(sym.length).trim(); break; }
  }
  if (!unit) {
    const code = s.match(/^([A-Z]{3})\s*(?=[\d(+\-−])/);
    if (code && CURRENCY_CODES.has(code[1])) { unit = code[1]; s = s.slice(code[0].length); }
  }
  if (unit) {
    kind = 'currency';
    const inner = s.match(/^([+\-−])\s*/);
    if (inner) { if (inner[1] !== '+') negative = !negative; s = s.slice(inner[0].length); }
    if (/^\(.*\)$/.test(s)) { negative = !negative; s = s.slice(1, -1).trim(); }
  }
  if (!s) return { ok: false, reason: 'no digits' };

  // A currency after the number: "12,50 €", "1.2M EUR".
  if (!unit) {
    for (const [sym, code] of CURRENCY_SYMBOLS) {
      if (sym.length <= 3 && s.endsWith(sym) && /\d|[a-zA-Z.]/.test(s.slice(0, -sym.length).trim().slice(-1))) {
        unit = code; kind = 'currency'; s = s.slice(0, -sym.length).trim(); break;
      }
    }
    const code = s.match(/\s*\b([A-Z]{3})$/);
    if (!unit && code && CURRENCY_CODES.has(code[1])) { unit = code[1]; kind = 'currency'; s = s.slice(0, -code[0].length).trim(); }
  }

  if (!unit) {
    const dur = parseDuration(s, opts.locale);
    if (dur !== null) return { ok: true, value: tidy(negative ? -dur.value : dur.value), unit: dur.unit, kind: 'duration' };
  }

  // A measure after the number ("3.4 GB", "842 req/s", "21 °C"): kept as shown, like a percent.
  if (!unit) {
    const m = s.match(MEASURE);
    if (m) {
      const rest = parseNumber(m[1], opts);
      if (!rest.ok || rest.unit !== undefined) return rest.ok ? { ok: false, reason: `two units ("${rest.unit}", "${m[2]}")` } : rest;
      return { ok: true, value: tidy(negative ? -rest.value : rest.value), unit: measureUnit(m[2]), kind: 'measure' };
    }
  }

  let suffix = '';
  if (!unit || kind === 'currency') {
    const m = s.match(/^(.*?\d)\s*(%|pp|p\.p\.|pts?|[x×]|[A-Za-z]{1,9}\.?)$/);
    if (m) { s = m[1]; suffix = m[2]; }
  }
  let scale = 1;
  if (suffix) {
    if (suffix === '%' && kind !== 'currency') { unit = '%'; kind = 'percent'; }
    else if (/^(pp|p\.p\.|pts?)$/.test(suffix) && kind !== 'currency') { unit = 'pp'; kind = 'percent'; }
    else if ((suffix === 'x' || suffix === '×') && kind !== 'currency') { unit = 'x'; kind = 'ratio'; }
    else if (SCALES[suffix] ?? SCALES[suffix.toLowerCase()]) scale = SCALES[suffix] ?? SCALES[suffix.toLowerCase()];
    else return { ok: false, reason: `unknown unit "${suffix}"` };
  }
  const n = parseDigits(s, opts.locale);
  if (!n.ok) return n;
  const value = tidy((negative ? -1 : 1) * n.value * scale);
  if (!unit && !kind) kind = 'count';
  return { ok: true, value, ...(unit ? { unit } : {}), ...(kind ? { kind } : {}) };
}

/** Units of measure a stat panel prints after a number: data sizes, rates, temperatures. A bare "B" is
 *  billions (SCALES), never bytes. */
const MEASURE = /^(.*?\d[KMBkmb]?)\s*((?:[kKMGTP]i?B|bytes?|bits?|[kMG]?bps|req\/s|reqs\/s|rps|ops\/s|qps|rpm|\/s|\/min|\/h|°[CF]))$/;

function measureUnit(u: string): string {
  if (u === 'kB') return 'KB';
  if (/^bytes?$/.test(u)) return 'B';
  if (u === 'reqs/s' || u === 'rps') return 'req/s';
  return u;
}

const TOKEN = new RegExp(
  String.raw`(?:[▲▴△↑⬆↗▼▾▽↓⬇↘]\s*)?(?:[+\-−]\s*)?(?:US\$|[$€£¥₹])?\s*\(?(?:${NUM})\)?` +
  String.raw`(?:\s*(?:%|pp|[x×]|[KMBTkmb]n?\b|ms\b|s\b|sec\b|min\b|h\b))?`,
  'u',
);

/** The first number-looking token in longer text ("▲ 3.1% vs last week" → 3.1 "%"), parsed. */
export function extractNumber(text: string, opts: NumberOptions = {}): ParsedNumber & { token?: string } {
  const s = (text ?? '').replace(SPACES, ' ').trim();
  if (!s) return { ok: false, reason: 'empty' };
  const m = s.match(TOKEN);
  if (!m) return { ok: false, reason: 'no number' };
  const token = m[0].trim();
  const r = parseNumber(token, opts);
  return r.ok ? { ...r, token } : r;
}

export { parseDateLabel, parseDateLabels } from './dates';
