/**
 * Axis tick and row labels as dates: "Oct 10", "2026-10-10", "10/10/2026", "Oct 10, 2026", "10 Oct",
 * "10. Okt. 2026", "Mon, Oct 10", "Oct 2026", "2026-10-10 14:00".
 *
 * Rules:
 * - The result is ISO 8601: "YYYY-MM-DD" for a date, "YYYY-MM-DDTHH:mm" (no zone: the page's wall
 *   clock) when the label has a time of day. A month alone ("Oct 2026", or "Oct" with a reference
 *   year) is its first day.
 * - A label without a year takes `opts.year`; with no year at all it is null (never the current year
 *   silently). `parseDateLabels` handles a run of labels that crosses New Year ("Dec 30", "Jan 2").
 * - Numeric day/month order: a part over 12 decides; otherwise en-US (and no locale) reads M/D/Y, every
 *   other locale D/M/Y. "2026/10/11" is always Y/M/D. Two-digit years are 20xx.
 * - Month names come from Intl for English and the page's locale, so "Okt", "déc.", "März" work.
 */

export interface DateOptions {
  /** Year for labels that carry none ("Oct 10"). */
  year?: number;
  /** The page's language, from `<html lang>`. */
  locale?: string;
}

const monthCache = new Map<string, Map<string, number>>();

function normMonth(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[.,]/g, '').trim();
}

/** Month name (short or long, lower-case, accents and dots removed) → 0-based month. */
function months(locale: string | undefined): Map<string, number> {
  const key = (locale ?? 'en').toLowerCase();
  const cached = monthCache.get(key);
  if (cached) return cached;
  const map = new Map<string, number>();
  const langs = ['en', ...(locale && !/^en\b/i.test(locale) ? [locale] : [])];
  for (const lang of langs) {
    for (const style of ['short', 'long'] as const) {
      let fmt: Intl.DateTimeFormat;
      try { fmt = new Intl.DateTimeFormat(lang, { month: style, timeZone: 'UTC' }); } catch { continue; }
      for (let m = 0; m < 12; m++) {
        const name = normMonth(fmt.format(new Date(Date.UTC(2026, m, 15))));
        if (name && !/^\d+$/.test(name)) map.set(name, m);
      }
    }
  }
  // Common abbreviations Intl does not produce.
  const extra: Record<string, number> = { sept: 8, june: 5, july: 6, okt: 9, mrz: 2, maer: 2, mae: 2, dez: 11, mai: 4, janv: 0, fevr: 1, avr: 3, juil: 6, dec: 11 };
  for (const [k, v] of Object.entries(extra)) if (!map.has(k)) map.set(k, v);
  monthCache.set(key, map);
  return map;
}

function monthOf(word: string, locale?: string): number | null {
  const w = normMonth(word);
  if (!w) return null;
  const map = months(locale);
  const hit = map.get(w);
  if (hit !== undefined) return hit;
  // "Sept." / "Octobre" prefixes: a 3+ letter prefix of exactly one month name.
  if (w.length >= 3) {
    const found = new Set<number>();
    for (const [name, m] of map) if (name.startsWith(w) || (w.startsWith(name) && name.length >= 3)) found.add(m);
    if (found.size === 1) return [...found][0];
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number, time?: string): string | null {
  if (m < 0 || m > 11 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const dt = new Date(Date.UTC(y, m, d));
  if (dt.getUTCMonth() !== m || dt.getUTCDate() !== d) return null; // Feb 30
  return `${y}-${pad(m + 1)}-${pad(d)}${time ?? ''}`;
}

function year4(y: string): number {
  const n = Number(y.replace(/^'/, ''));
  return y.replace(/^'/, '').length <= 2 ? 2000 + n : n;
}

/** "14:00", "2:30 PM" → "T14:00", or null when there is no valid time. */
function timeOf(s: string): string | null {
  const m = s.match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  if (m[4]) {
    const pm = /^p/i.test(m[4]);
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return `T${pad(h)}:${pad(min)}${m[3] ? `:${m[3]}` : ''}`;
}

const WEEKDAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)\.?,?\s+/i;

interface Parsed { y: number | null; m: number; d: number; time?: string }

function parseParts(text: string, opts: DateOptions): Parsed | null {
  let s = text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s || s.length > 40) return null;
  // ISO (with optional time; the zone, if any, is kept as written by returning the string as-is).
  let m = s.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/);
  if (m) return { y: +m[1], m: +m[2] - 1, d: +m[3], time: m[4] ? `T${m[4]}${m[5] ?? ''}` : undefined };
  m = s.match(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/);
  if (m) return { y: +m[1], m: +m[2] - 1, d: +m[3] };
  s = s.replace(WEEKDAY, '');
  // A trailing time of day: "Oct 10, 14:00", "10/10/2026 2:30 PM".
  let time: string | undefined;
  const t = s.match(/^(.*?)[,\s]+(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)$/i);
  if (t) {
    const tt = timeOf(t[2]);
    if (!tt) return null;
    time = tt;
    s = t[1].trim();
  }
  m = s.match(/^(\d{1,2})([/.\-])(\d{1,2})(?:\2(\d{2}|\d{4}))?\.?$/);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    // "10.10." is D.M. in every locale that writes dots; slashes follow the locale.
    const usOrder = m[2] === '/' && (!opts.locale || /^en(-us)?$/i.test(opts.locale) || /^en-(ph|ca)$/i.test(opts.locale));
    let month: number;
    let day: number;
    if (a > 12 && b <= 12) { day = a; month = b; }
    else if (b > 12 && a <= 12) { month = a; day = b; }
    else if (usOrder) { month = a; day = b; }
    else { day = a; month = b; }
    if (!m[4] && m[2] === '-') return null; // "10-10" is too ambiguous (ranges, scores)
    return { y: m[4] ? year4(m[4]) : null, m: month - 1, d: day, time };
  }
  // Words: "Oct 10", "Oct 10, 2026", "October 10th 2026", "10 Oct", "10. Okt. 2026", "Oct 2026", "Oct '26".
  const words = s.replace(/,/g, ' ').replace(/(\d)(st|nd|rd|th)\b/gi, '$1').replace(/\s+/g, ' ').trim().split(' ');
  let month: number | null = null;
  const nums: string[] = [];
  for (const w of words) {
    if (/^'?\d{1,4}\.?$/.test(w)) nums.push(w.replace(/\.$/, ''));
    else {
      if (month !== null) return null;
      month = monthOf(w, opts.locale);
      if (month === null) return null;
    }
  }
  if (month === null || nums.length > 2) return null;
  let day: number | null = null;
  let year: number | null = null;
  for (const n of nums) {
    if (n.startsWith("'") || n.length === 4) { if (year !== null) return null; year = year4(n); }
    else if (day === null) day = +n;
    else if (year === null) year = year4(n);
    else return null;
  }
  if (day === null) {
    if (year === null && opts.year === undefined) return null; // "Oct" alone needs a reference year
    day = 1;
  }
  return { y: year, m: month, d: day, time };
}

/** One label as an ISO date (or date-time), or null when it is not a date this parser is sure of. */
export function parseDateLabel(text: string, opts: DateOptions = {}): string | null {
  const p = parseParts(text, opts);
  if (!p) return null;
  const y = p.y ?? opts.year;
  if (y === undefined) return null;
  return iso(y, p.m, p.d, p.time);
}

/** A run of labels in order (axis ticks, table rows). Labels without a year take the reference year
 *  for the LAST of them (dashboards end near today) and step back a year each time the run goes
 *  backwards across New Year ("Dec 30" before "Jan 2"). Null where a label is not a date. */
export function parseDateLabels(texts: readonly string[], opts: DateOptions = {}): Array<string | null> {
  const parts = texts.map((t) => parseParts(t, opts));
  let explicit: number | undefined;
  for (const p of parts) if (p?.y != null) explicit = p.y;
  const ref = opts.year ?? explicit;
  const out: Array<string | null> = new Array(texts.length).fill(null);
  // Walk backwards so that the last label keeps the reference year.
  let year = ref;
  let next: Parsed | null = null;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (!p) continue;
    if (p.y != null) { year = p.y; out[i] = iso(p.y, p.m, p.d, p.time); next = p; continue; }
    if (year === undefined) continue;
    // A later label earlier in the year means this one is in the year before (Dec → Jan).
    if (next && (p.m > next.m + 6 || (p.m > next.m && next.m <= 1 && p.m >= 10))) year -= 1;
    out[i] = iso(year, p.m, p.d, p.time);
    next = { ...p, y: year };
  }
  return out;
}

/** The first plausible four-digit year (1990–2099) in any of the texts, for labels that have none. */
export function yearIn(texts: Iterable<string>): number | undefined {
  for (const t of texts) {
    const m = t.match(/\b(199\d|20\d\d)\b/);
    if (m) return Number(m[1]);
  }
  return undefined;
}
