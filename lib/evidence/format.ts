import { parseDay } from './timeaxis';

// The one place numbers, dates and names are written for people. Evidence claims, finding titles and
// the offline explainer all go through here, so the verifier sees every number in the same shape and
// its "rounded to the shown precision" rule holds by construction.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CURRENCY: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', $: '$', '€': '€', '£': '£' };

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function thousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 1,234 · 12.3K · 4.5M · 12.35 · 0.412 — compact above ten thousand, 3 significant digits below one. */
export function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 9.995e8) return sign + trimZeros((a / 1e9).toFixed(1)) + 'B';
  if (a >= 9.9995e5) return sign + trimZeros((a / 1e6).toFixed(1)) + 'M';
  if (a >= 1e4) return sign + trimZeros((a / 1e3).toFixed(1)) + 'K';
  if (a >= 100) return sign + thousands(Math.round(a).toString());
  if (a >= 1) return sign + trimZeros(a.toFixed(2));
  return sign + trimZeros(a.toPrecision(3));
}

/** Percent with one decimal: 15.2% (input already in percent). */
export function fmtPct(v: number): string {
  return `${(Math.abs(v) < 0.05 ? 0 : v).toFixed(1)}%`;
}

/** Percentage points with one decimal. */
export function fmtPp(v: number): string {
  return `${(Math.abs(v) < 0.05 ? 0 : v).toFixed(1)} percentage points`;
}

/** A level in the chart's unit: 34.2% · $12.3K · 1,234 ms · 0.412. */
export function fmtValue(v: number, unit?: string): string {
  if (unit === '%') return fmtPct(v);
  // "count" is what the reader calls a plain number; "x" a multiplier (2.3x).
  if (unit === 'count') return fmtNumber(v);
  if (unit === 'x') return `${fmtNumber(v)}x`;
  const sym = unit ? CURRENCY[unit] : undefined;
  if (sym) return (v < 0 ? '-' : '') + sym + fmtNumber(Math.abs(v));
  return unit ? `${fmtNumber(v)} ${unit}` : fmtNumber(v);
}

/** A change between two levels: "6.3 percentage points" for percent charts, else the unit's level. */
export function fmtDiff(v: number, unit?: string): string {
  return unit === '%' ? fmtPp(Math.abs(v)) : fmtValue(Math.abs(v), unit);
}

/** "Oct 10, 2026" for a date, the ISO text for a date-time, the plain value otherwise. */
export function fmtX(x: string | number): string {
  if (typeof x === 'number') return fmtNumber(x);
  const day = parseDay(x);
  if (day === null) return quote(x);
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/.test(x.trim())) {
    const d = new Date(Math.floor(day) * 86_400_000);
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
  }
  if (/^\d{4}-\d{2}$/.test(x.trim())) {
    const d = new Date(Math.floor(day) * 86_400_000);
    return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  }
  return x;
}

/** Names (charts, series, categories) in curly quotes: the verifier skips numbers inside them. */
export function quote(name: string): string {
  return `“${name.replace(/[“”]/g, '"')}”`;
}

/** "rose" / "fell" / "held steady" for a signed change. */
export function moved(changePct: number): string {
  if (!Number.isFinite(changePct) || Math.abs(changePct) < 0.05) return 'held steady';
  return changePct > 0 ? 'rose' : 'fell';
}

/** "up 3.5%" / "down 3.5%" / "unchanged". */
export function upDown(changePct: number): string {
  if (!Number.isFinite(changePct) || Math.abs(changePct) < 0.05) return 'unchanged';
  return `${changePct > 0 ? 'up' : 'down'} ${fmtPct(Math.abs(changePct))}`;
}

/** How the offline texts say a confidence (words, so no extra number needs a citation). */
export function confidenceWord(c: number): string {
  return c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}

/** How a series is named in sentences: the chart title, plus the series name when there are several. */
export function seriesLabel(chartTitle: string, seriesName: string, seriesCount: number): string {
  const title = chartTitle.trim() || seriesName || 'chart';
  return seriesCount > 1 && seriesName ? `${quote(title)} (${quote(seriesName)})` : quote(title);
}
