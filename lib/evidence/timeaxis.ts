import type { Chart, Series } from '../snapshot/schema';

// Turns a chart series into ordered observations on a numeric axis. Time is counted in days since
// 1970-01-01 (UTC calendar), which makes weekday, week and month arithmetic plain integer work and
// keeps "2026-10-10" meaning the calendar day the dashboard shows, whatever the reader's zone.

export type Granularity =
  | 'subdaily' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'irregular' | 'index';

export interface Obs {
  /** Index in the original series.points. */
  idx: number;
  x: string | number;
  y: number;
  /** Days since epoch for time axes, else the numeric x or the position. */
  t: number;
}

export interface PreparedSeries {
  isTime: boolean;
  granularity: Granularity;
  /** Typical spacing in days (time axes) or x units. */
  step: number;
  /** Usable observations in x order: non-null, without the partial last period. */
  obs: Obs[];
  /** The last point when its period is not over yet ("today is not over"). */
  partial?: Obs;
  /** Points with y === null. */
  gaps: number;
  total: number;
}

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Days since epoch of an ISO date or date-time (wall clock as written; the offset is ignored). */
export function parseDay(x: string | number): number | null {
  if (typeof x === 'number') return x > 1e11 ? x / DAY_MS : null; // epoch ms from a time axis
  if (x.length === 10 && x.charCodeAt(4) === 45 && x.charCodeAt(7) === 45) {
    // Fast path for the common "YYYY-MM-DD" (daily axes read 100k of these).
    const y = +x.slice(0, 4);
    const mo = +x.slice(5, 7);
    const d = +x.slice(8, 10);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return daysFromCivil(y, mo, d);
  }
  const m = ISO.exec(x.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mm, ss] = m;
  const ms = Date.UTC(+y, +mo - 1, d ? +d : 1, hh ? +hh : 0, mm ? +mm : 0, ss ? +ss : 0);
  return Number.isFinite(ms) ? ms / DAY_MS : null;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isoDay(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((Math.floor(day) + 3) % 7) + 7) % 7;
}

/** Months since year 0, so consecutive calendar months differ by one. */
export function monthIndex(day: number): number {
  const d = new Date(Math.floor(day) * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function detectGranularity(ts: number[]): { granularity: Granularity; step: number } {
  if (ts.length < 2) return { granularity: 'irregular', step: 1 };
  const diffs = ts.slice(1).map((t, i) => t - ts[i]).filter((d) => d > 0).sort((a, b) => a - b);
  if (!diffs.length) return { granularity: 'irregular', step: 1 };
  const step = diffs[diffs.length >> 1];
  const g: Granularity =
    step < 0.9 ? 'subdaily'
      : step <= 1.5 ? 'daily'
        : step >= 6 && step <= 8 ? 'weekly'
          : step >= 27 && step <= 32 ? 'monthly'
            : step >= 88 && step <= 93 ? 'quarterly'
              : step >= 360 && step <= 370 ? 'yearly' : 'irregular';
  return { granularity: g, step };
}

/**
 * "Now" in days since epoch, on the calendar of `timezone` when given, else as the string is written
 * (an ISO string carries its own local date before the offset).
 */
export function nowDay(now: string, timezone?: string): number | null {
  if (timezone) {
    const ms = Date.parse(now);
    if (Number.isFinite(ms)) {
      try {
        const f = new Intl.DateTimeFormat('en-CA', {
          timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit',
          hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
        });
        const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((q) => [q.type, q.value]));
        return parseDay(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
      } catch {
        // Unknown zone: fall through to the string as written.
      }
    }
  }
  return parseDay(now.trim().replace(/(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/, ''));
}

/** A chart is read as a time series when its axis says so or nearly all x values are ISO dates. */
export function looksTime(chart: Chart): boolean {
  if (chart.kind === 'pie') return false;
  if (chart.x?.type === 'time') return true;
  if (chart.x?.type === 'number') return false;
  let n = 0;
  let dates = 0;
  for (const s of chart.series) {
    for (const p of s.points) {
      n++;
      if (typeof p.x === 'string' && parseDay(p.x) !== null) dates++;
    }
  }
  return n >= 3 && dates >= 0.9 * n;
}

/** Is `last` still running at `now`? Only the final point can be partial. */
function isPartial(last: number, now: number | null, g: Granularity, step: number): boolean {
  if (now === null) return false;
  if (g === 'monthly') return monthIndex(last) === monthIndex(now) && now >= Math.floor(last);
  if (g === 'daily') return Math.floor(last) === Math.floor(now);
  const width = g === 'weekly' ? 7 : g === 'quarterly' ? 91 : g === 'yearly' ? 365 : step;
  return now >= last && now < last + width;
}

export function prepareSeries(
  chart: Chart, series: Series, now: number | null, isTime = looksTime(chart),
): PreparedSeries {
  let gaps = 0;
  const obs: Obs[] = [];
  series.points.forEach((p, idx) => {
    if (p.y === null || !Number.isFinite(p.y)) {
      gaps++;
      return;
    }
    let t: number | null = idx;
    if (isTime) t = parseDay(p.x);
    else if (typeof p.x === 'number' && chart.x?.type === 'number') t = p.x;
    if (t === null) return; // an unparseable date on a time axis cannot be placed
    obs.push({ idx, x: p.x, y: p.y, t });
  });
  if (isTime || chart.x?.type === 'number') obs.sort((a, b) => a.t - b.t || a.idx - b.idx);
  const { granularity, step } = isTime
    ? detectGranularity(obs.map((o) => o.t))
    : { granularity: 'index' as const, step: 1 };

  // Only the latest point can be running; a later null point leaves nothing to exclude.
  let partial: Obs | undefined;
  const last = obs[obs.length - 1];
  if (isTime && last && isPartial(last.t, now, granularity, step)) partial = obs.pop();
  return { isTime, granularity, step, obs, partial, gaps, total: series.points.length };
}
