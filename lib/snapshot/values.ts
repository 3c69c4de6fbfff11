import type { Point } from './schema';

/** A value from a chart's own data as a finite number, or null for a gap (null, NaN, '', objects). */
export function toY(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const DAY = 86_400_000;

/** An x on a time axis as ISO 8601: a date alone when it falls on UTC midnight (daily data). */
export function timeX(v: unknown): string | null {
  let ms: number;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v;
  else if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    ms = Date.parse(v);
  } else return null;
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return ms % DAY === 0 ? iso.slice(0, 10) : iso;
}

/** A category or number x as the contract wants it. */
export function plainX(v: unknown): string | number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (v instanceof Date) return timeX(v) ?? String(v);
  return String(v ?? '');
}

export function point(x: string | number, y: unknown): Point {
  return { x, y: toY(y) };
}
