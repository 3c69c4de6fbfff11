// Which datum field a mark's position encodes, inferred from the drawn geometry: a field whose values
// map linearly (or, for categories, one-to-one) onto the marks' positions. Shared by D3 (bound
// `__data__`) and Vega (scenegraph items). Conservative by design: an ambiguous answer is no answer.
import { get, isArr, isObj, keys } from '../react/safe';

export type XType = 'time' | 'category' | 'number';
export interface Geo { datum: unknown; x: number; y: number; w?: number; h?: number }
export interface Fields { x: string; y: string; xType: XType; horizontal?: boolean }

const ISO = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIMEY = /date|time|day|week|month|year|ts|timestamp/i;

export function fieldsOf(datums: unknown[]): string[] {
  const first = datums.find((d) => isObj(d));
  if (!first) return [];
  if (isArr(first)) return ['0', '1', '2'].filter((k) => get(first, k) !== undefined);
  return keys(first, 40).filter((k) => !k.startsWith('_'));
}

/** The field's values as numbers on a linear axis, and what kind of x they would be. */
export function numeric(values: unknown[], key: string): { nums: number[]; type: XType } | null {
  if (!values.length) return null;
  if (values.every((v) => v instanceof Date)) return { nums: values.map((v) => (v as Date).getTime()), type: 'time' };
  if (values.every((v) => typeof v === 'string' && ISO.test(v))) {
    const nums = values.map((v) => Date.parse(v as string));
    return nums.every(Number.isFinite) ? { nums, type: 'time' } : null;
  }
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const nums = values as number[];
    const msLike = TIMEY.test(key) && nums.every((n) => n > 1e11 && n < 1e13);
    return { nums, type: msLike ? 'time' : 'number' };
  }
  return null;
}

export function pearson(a: number[], b: number[]): number {
  const n = a.length;
  if (n < 2) return 0;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/** Categories drawn one per position: same value ↔ same position, distinct values ↔ distinct positions. */
function bijective(values: unknown[], pos: number[]): boolean {
  const byVal = new Map<string, number>();
  const byPos = new Map<number, string>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const k = String(v);
    const p = Math.round(pos[i] * 2) / 2;
    if (byVal.has(k) && Math.abs(byVal.get(k)! - p) > 0.5) return false;
    if (byPos.has(p) && byPos.get(p) !== k) return false;
    byVal.set(k, p);
    byPos.set(p, k);
  }
  return byVal.size >= 2;
}

const R = 0.995;

function pickAxis(geo: Geo[], pos: number[], keysToTry: string[], allowCategory: boolean): { key: string; type: XType } | null {
  if (new Set(pos.map((p) => Math.round(p))).size < 2) return null;
  const matches: { key: string; type: XType; rank: number }[] = [];
  for (const k of keysToTry) {
    const values = geo.map((g) => get(g.datum, k));
    const num = numeric(values, k);
    if (num && geo.length >= 3 && pearson(num.nums, pos) >= R) matches.push({ key: k, type: num.type, rank: num.type === 'time' ? 3 : 1 });
    else if (allowCategory && !num && bijective(values, pos)) matches.push({ key: k, type: 'category', rank: 2 });
  }
  if (!matches.length) return null;
  matches.sort((a, b) => b.rank - a.rank);
  // Two equally good non-time candidates (a row index beside a value): ambiguous.
  if (matches.length > 1 && matches[0].rank === matches[1].rank && matches[0].type !== 'time') return null;
  return matches[0];
}

function pickValue(geo: Geo[], measure: number[], keysToTry: string[], skip: string): string | null {
  const found: string[] = [];
  for (const k of keysToTry) {
    if (k === skip) continue;
    const values = geo.map((g) => get(g.datum, k));
    if (!values.every((v) => typeof v === 'number' || v === null)) continue;
    const pairs = values.map((v, i) => [v as number | null, measure[i]] as const).filter(([v]) => v !== null && Number.isFinite(v));
    if (pairs.length < 2) continue;
    if (pearson(pairs.map((p) => p[0]!), pairs.map((p) => p[1])) >= R) found.push(k);
  }
  if (found.length !== 1) {
    // Several fields that are all the same numbers are one answer; different ones are ambiguous.
    if (found.length > 1 && found.every((k) => geo.every((g) => get(g.datum, k) === get(g.datum, found[0])))) return found[0];
    return null;
  }
  return found[0];
}

/** Infers x and y fields for marks: points/lines (x,y), or bars (x,y,w,h; vertical or horizontal). */
export function inferFields(geo: Geo[], bars: boolean, fieldOverride?: string[]): Fields | null {
  if (geo.length < 2) return null;
  const ks = fieldOverride ?? fieldsOf(geo.map((g) => g.datum));
  if (!ks.length) return null;
  const cx = geo.map((g) => g.x + (g.w ?? 0) / 2);
  const cy = geo.map((g) => g.y + (g.h ?? 0) / 2);
  if (bars) {
    const x = pickAxis(geo, cx, ks, true);
    if (x) {
      const y = pickValue(geo, geo.map((g) => g.h ?? 0), ks, x.key) ?? pickValue(geo, geo.map((g) => -g.y), ks, x.key);
      if (y) return { x: x.key, y, xType: x.type };
    }
    const hy = pickAxis(geo, cy, ks, true);
    if (hy) {
      const v = pickValue(geo, geo.map((g) => g.w ?? 0), ks, hy.key);
      if (v) return { x: hy.key, y: v, xType: hy.type, horizontal: true };
    }
    return null;
  }
  const x = pickAxis(geo, cx, ks, true);
  if (!x) return null;
  const y = pickValue(geo, geo.map((g) => -g.y), ks, x.key);
  return y ? { x: x.key, y, xType: x.type } : null;
}

/** A string field constant within a group (a series name carried on every row), other than `skip`. */
export function constantLabel(datums: unknown[], skip: string[]): string | undefined {
  for (const k of fieldsOf(datums)) {
    if (skip.includes(k)) continue;
    const v = get(datums[0], k);
    if (typeof v === 'string' && v && datums.every((d) => get(d, k) === v)) return v;
  }
  return undefined;
}

/** A field name as a person would label it: "sum_requests" → "Sum requests", "orders" → "Orders". */
export function humanize(field: string): string {
  const s = field.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return s ? s[0].toUpperCase() + s.slice(1) : field;
}
/** Field names that say nothing about what is measured; the chart's own title says more. */
export const GENERIC_FIELD = /^(value|values|y|val|v|count|amount|data|total|metric)$/i;

/** A unit shared by every tick label of a value axis: "$1.2K" → USD, "34%" → %, "120 ms" → ms. */
export function unitFromTicks(labels: string[]): string | undefined {
  const ls = labels.map((l) => l.trim()).filter(Boolean);
  if (ls.length < 2) return undefined;
  if (ls.every((l) => /^-?\$/.test(l))) return 'USD';
  if (ls.every((l) => /^-?€/.test(l))) return 'EUR';
  if (ls.every((l) => /^-?£/.test(l))) return 'GBP';
  const suffix = ls.map((l) => /^[-−]?[\d.,]+[kKMBG]?\s*([^\d\s.,][^\d]*)$/.exec(l)?.[1]?.trim());
  if (suffix.every((s) => s && s === suffix[0])) return suffix[0];
  return undefined;
}
