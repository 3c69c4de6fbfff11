import type { ChartKind, Point } from '../schema';
import { timeX, toY } from '../values';

// Guarded access to page objects for the MAIN-world chart adapters. Page objects are untrusted:
// getters may throw, values may be cycles or huge arrays, and a "number" may be anything.

export type Obj = Record<PropertyKey, unknown>;

export function isObj(v: unknown): v is Obj {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}

/** An optional property: undefined when missing or when its getter throws. Used for config that
 *  only decorates a chart (titles, axis options); data reads use `must` so a throw becomes a note. */
export function get(o: unknown, ...keys: PropertyKey[]): unknown {
  let cur: unknown = o;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    try {
      cur = cur[k];
    } catch {
      return undefined;
    }
  }
  return cur;
}

/** A property whose getter is allowed to throw: the caller's try/catch (or readEach) turns it into a note. */
export function must(o: unknown, key: PropertyKey): unknown {
  return isObj(o) ? o[key] : undefined;
}

/** Arrays and typed arrays (Plotly, uPlot-style data) as something indexable; anything else null. */
export function list(v: unknown): ArrayLike<unknown> | null {
  if (Array.isArray(v)) return v;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return v as unknown as ArrayLike<unknown>;
  return null;
}

/** One element of an array-like; a throwing index getter (a Proxy) becomes undefined. */
export function at(a: ArrayLike<unknown>, i: number): unknown {
  try {
    return a[i];
  } catch {
    return undefined;
  }
}

/** A non-empty display string from a config value (strings, numbers, string arrays = multi-line). */
export function text(v: unknown, max = 300): string | undefined {
  let s: string | undefined;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length && i < 20; i++) {
      const p = text(at(v, i));
      if (p) parts.push(p);
    }
    s = parts.join(' ');
  }
  // Strip markup that libraries allow in titles (Highcharts/Plotly accept <b>, <br>).
  const clean = s?.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, max) : undefined;
}

/** A category x as the contract wants it: always a string (numbers too). */
export function categoryX(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return timeX(v) ?? '';
  return text(v) ?? '';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:\.0+)?)?$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** A time x as ISO 8601. A date-time string without a zone ("2026-10-10 00:00", how Plotly and
 *  ECharts data is usually written) means the time shown, so it is read as UTC rather than in the
 *  reader's own zone; midnight becomes the date alone. */
export function isoX(v: unknown): string | null {
  if (typeof v === 'string') {
    const s = v.trim();
    if (DATE_ONLY.test(s)) return s;
    const m = MIDNIGHT.exec(s);
    if (m) return m[1];
    if (NO_ZONE.test(s)) return timeX(`${s.replace(' ', 'T')}Z`);
    return timeX(s);
  }
  return timeX(v);
}

/** True when a string looks like an ISO date, so category labels of dates can be typed "time". */
export function looksLikeDate(v: unknown): boolean {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim());
}

/** Category points whose x are all ISO dates become time points (a category axis of days). */
export function datesAsTime(points: Point[]): boolean {
  if (!points.length) return false;
  for (const p of points) if (!looksLikeDate(p.x)) return false;
  for (const p of points) p.x = isoX(p.x) ?? p.x;
  return true;
}

export { toY };

/** Units from how a value is shown: "34%" → "%", "$12" → "USD". `shown` is the text a tick formatter
 *  or format string produced for `sample`; when it shows sample×100 with %, values are fractions and
 *  `scale` (100) turns them into the number shown. */
export interface UnitGuess { unit?: string; scale?: number }

export function unitFromShown(shown: unknown, sample?: number): UnitGuess {
  const s = text(shown, 100);
  if (!s) return {};
  if (s.includes('%')) {
    if (sample !== undefined) {
      const n = Number(s.replace(/[^\d.\-eE]/g, ''));
      if (Number.isFinite(n) && n !== 0 && Math.abs(n - sample * 100) < 1e-6 * Math.max(1, Math.abs(n))) {
        return { unit: '%', scale: 100 };
      }
    }
    return { unit: '%' };
  }
  if (/\$/.test(s) || /\bUSD\b/.test(s)) return { unit: 'USD' };
  if (s.includes('€') || /\bEUR\b/.test(s)) return { unit: 'EUR' };
  if (s.includes('£') || /\bGBP\b/.test(s)) return { unit: 'GBP' };
  return {};
}

/** A "{value}%"-style template (ECharts axisLabel.formatter, Highcharts labels.format): the unit is what
 *  surrounds the value placeholder. */
export function unitFromTemplate(tpl: unknown): UnitGuess {
  if (typeof tpl !== 'string' || !/\{value/.test(tpl)) return {};
  return unitFromShown(tpl.replace(/\{value[^}]*\}/g, '1'));
}

/** Calls a page formatter with a sample value to see how values are shown. Formatters are the page's
 *  own display functions (pure in practice); any throw means "unknown". */
export function unitFromFormatter(fn: unknown, thisArg: unknown, args: (sample: number) => unknown[]): UnitGuess {
  if (typeof fn !== 'function') return {};
  const sample = 0.25;
  try {
    return unitFromShown((fn as (...a: unknown[]) => unknown).apply(thisArg, args(sample)), sample);
  } catch {
    return {};
  }
}

/** A unit from an axis title such as "Conversion (%)" or "Spend ($)". */
export function unitFromLabel(label: string | undefined): UnitGuess {
  if (!label) return {};
  if (/%|\bpercent\b/i.test(label)) return { unit: '%' };
  if (/\$|\bUSD\b/.test(label)) return { unit: 'USD' };
  return {};
}

export function firstUnit(...guesses: UnitGuess[]): UnitGuess {
  for (const g of guesses) if (g.unit) return g;
  return {};
}

/** Multiplies every y by `scale` (fractions shown as percent), rounding away float noise. */
export function scaleY(points: Point[], scale: number | undefined): void {
  if (!scale || scale === 1) return;
  for (const p of points) if (p.y !== null) p.y = Number((p.y * scale).toPrecision(12));
}

/** The chart's kind when its series differ: the first series' kind, as the one a person reads first. */
export function chartKind(kinds: ChartKind[]): ChartKind {
  return kinds[0] ?? 'other';
}

export function pt(x: string | number, y: unknown): Point {
  return { x, y: toY(y) };
}
