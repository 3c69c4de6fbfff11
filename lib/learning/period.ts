import { parseDay } from '../evidence/timeaxis';

// "The same period": how a change seen today is recognised as the one a person already judged.
// Rule: two x values are the same period when both are dates (or date-times) no more than
// PERIOD_TOLERANCE days apart, both are plain numbers no more than PERIOD_TOLERANCE apart (an index
// axis, so "points"), or both are the same category (case-insensitive). Change points move by a few
// points between reads as data arrives, so an exact match would let a judged change come back.

export const PERIOD_TOLERANCE = 3;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since epoch of a time-axis x, or null for a category or an index. */
export function xDay(x: string | number): number | null {
  return parseDay(x);
}

export function samePeriod(a: string | number | undefined, b: string | number | undefined, tolerance = PERIOD_TOLERANCE): boolean {
  if (a === undefined || b === undefined) return false;
  const da = xDay(a);
  const db = xDay(b);
  if (da !== null && db !== null) return Math.abs(da - db) <= tolerance;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance;
  return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
}

/** Names of series and charts compare without case or surrounding space. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
}

function civil(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Days a note's text mentions: "2026-11-01", "Nov 1", "1 Nov", "November 1st, 2026". A date without a
 * year takes `year` (the year of the change it is compared with), since people write "the 1 Nov drop".
 */
export function mentionedDays(text: string, year: number): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const d = civil(+m[1], +m[2], +m[3]);
    if (d !== null) out.push(d);
  }
  const mon = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
  const day = '(\\d{1,2})(?:st|nd|rd|th)?';
  const yr = '(?:,?\\s+(\\d{4}))?';
  const monthFirst = new RegExp(`\\b${mon}\\s+${day}\\b${yr}`, 'gi');
  const dayFirst = new RegExp(`\\b${day}\\s+${mon}${yr}`, 'gi');
  for (const m of text.matchAll(monthFirst)) {
    const d = civil(m[3] ? +m[3] : year, MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, +m[2]);
    if (d !== null) out.push(d);
  }
  for (const m of text.matchAll(dayFirst)) {
    const d = civil(m[3] ? +m[3] : year, MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, +m[1]);
    if (d !== null) out.push(d);
  }
  return out;
}

/** Whether a note's period (given, or mentioned in its text) covers a change at x. */
export function periodCovers(
  period: { from: string; to: string } | undefined, text: string, x: string | number, tolerance = PERIOD_TOLERANCE,
): boolean {
  const at = xDay(x);
  if (at === null) return false;
  if (period) {
    const from = xDay(period.from);
    const to = xDay(period.to);
    if (from !== null && to !== null) return at >= Math.min(from, to) - tolerance && at <= Math.max(from, to) + tolerance;
  }
  const year = new Date(Math.floor(at) * 86_400_000).getUTCFullYear();
  return mentionedDays(text, year).some((d) => Math.abs(d - at) <= tolerance);
}

/** "Oct 12" in the year of `now`, "Oct 12, 2025" otherwise; the text itself when it is not a date. */
export function shortDate(iso: string, now?: string): string {
  const day = xDay(iso.slice(0, 10));
  if (day === null) return iso;
  const d = new Date(Math.floor(day) * 86_400_000);
  const label = `${SHORT[d.getUTCMonth()]} ${d.getUTCDate()}`;
  const nowDay = now ? xDay(now.slice(0, 10)) : null;
  const sameYear = nowDay !== null && new Date(Math.floor(nowDay) * 86_400_000).getUTCFullYear() === d.getUTCFullYear();
  return sameYear ? label : `${label}, ${d.getUTCFullYear()}`;
}
