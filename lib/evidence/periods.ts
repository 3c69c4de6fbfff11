import { base, isRateLike, type SeriesContext } from './context';
import { fmtDiff, fmtValue, fmtX, upDown } from './format';
import { pctChange } from './stats';
import { isoDay, monthIndex, weekday, type Obs } from './timeaxis';

// Period comparisons that fit the granularity: the questions a PM asks first ("how did the last
// week do against the one before?"). Windows are calendar days, not point counts, so a missing day
// shrinks a window instead of silently shifting it.

type Agg = 'total' | 'average';

/** Counts add up over a window; rates, ratios and averages do not. */
function aggregation(c: SeriesContext): Agg {
  return isRateLike(c) || !c.prep.obs.every((o) => o.y >= 0) ? 'average' : 'total';
}

function aggregate(os: Obs[], agg: Agg): number {
  const s = os.reduce((a, o) => a + o.y, 0);
  return agg === 'total' ? s : s / os.length;
}

interface Window {
  obs: Obs[];
  /** First and last x of the window (as the series writes them, or ISO days when missing). */
  from: string | number;
  to: string | number;
}

function dayWindow(byDay: Map<number, Obs>, start: number, end: number): Window {
  const obs: Obs[] = [];
  for (let d = start; d <= end; d++) {
    const o = byDay.get(d);
    if (o) obs.push(o);
  }
  return { obs, from: byDay.get(start)?.x ?? isoDay(start), to: byDay.get(end)?.x ?? isoDay(end) };
}

function emit(
  c: SeriesContext, cur: Window, prev: Window, agg: Agg, method: string, lead: string,
  extra: Record<string, number> = {}, sameSize = true,
): void {
  // A total over a window with missing days would read as a drop; compare averages then. Calendar
  // months are compared as totals when both are complete, whatever their lengths (sameSize false).
  const a: Agg = agg === 'total' && sameSize && cur.obs.length !== prev.obs.length ? 'average' : agg;
  const current = aggregate(cur.obs, a);
  const previous = aggregate(prev.obs, a);
  const changePct = pctChange(previous, current);
  const diffKey = c.unit === '%' ? 'changePp' : 'change';
  const values: Record<string, number> = { current, previous, [diffKey]: current - previous, ...extra };
  if (Number.isFinite(changePct)) values.changePct = changePct;
  const word = cur.obs.length > 1 ? `${a} ` : '';
  const change = Number.isFinite(changePct)
    ? upDown(changePct)
    : `a difference of ${fmtDiff(current - previous, c.unit)}`;
  const pp = c.unit === '%' && Number.isFinite(changePct) && current !== previous
    ? ` (${fmtDiff(current - previous, c.unit)})` : '';
  c.b.add({
    ...base(c),
    claim: `${c.label}, ${lead}: ${word}${fmtValue(current, c.unit)} vs ${fmtValue(previous, c.unit)}, ${change}${pp}.`,
    values,
    points: [cur.from, cur.to, prev.from, prev.to].filter((x, i, all) => all.indexOf(x) === i),
    method,
    confidence: c.chart.exact ? 0.95 : 0.8,
  });
}

const enough = (w: Window, days: number) => w.obs.length >= Math.ceil(days * 0.7);

function daily(c: SeriesContext, agg: Agg): void {
  const obs = c.prep.obs;
  const byDay = new Map<number, Obs>();
  for (const o of obs) byDay.set(Math.floor(o.t), o);
  const first = Math.floor(obs[0].t);
  const L = Math.floor(obs[obs.length - 1].t);

  if (L - first >= 13) {
    const cur = dayWindow(byDay, L - 6, L);
    const prev = dayWindow(byDay, L - 13, L - 7);
    if (enough(cur, 7) && enough(prev, 7)) {
      emit(c, cur, prev, agg, 'period/last-7-days-vs-previous-7', `last 7 days (${fmtX(cur.from)} to ${fmtX(cur.to)}) vs the 7 days before`, { windowDays: 7 });
    }
  }
  if (byDay.has(L - 7)) {
    const cur = dayWindow(byDay, L, L);
    const prev = dayWindow(byDay, L - 7, L - 7);
    emit(c, cur, prev, agg, 'period/same-weekday-last-week', `${fmtX(cur.from)} vs the same weekday a week earlier (${fmtX(prev.from)})`);
  }
  // Calendar week (Monday to Sunday); skipped when it is the same window as the rolling 7 days.
  const wEnd = weekday(L) === 6 ? L : L - weekday(L) - 1;
  if (wEnd !== L && wEnd - first >= 13) {
    const cur = dayWindow(byDay, wEnd - 6, wEnd);
    const prev = dayWindow(byDay, wEnd - 13, wEnd - 7);
    if (enough(cur, 7) && enough(prev, 7)) {
      emit(c, cur, prev, agg, 'period/week-over-week', `week of ${fmtX(cur.from)} (Monday to Sunday) vs the week before`);
    }
  }
  // Last complete calendar month vs the one before.
  const mL = monthIndex(L) - (monthIndex(L + 1) !== monthIndex(L) ? 0 : 1);
  const bounds = (m: number): [number, number] => {
    const s = Date.UTC(Math.floor(m / 12), m % 12, 1) / 86_400_000;
    const e = Date.UTC(Math.floor((m + 1) / 12), (m + 1) % 12, 1) / 86_400_000 - 1;
    return [s, e];
  };
  const [cs, ce] = bounds(mL);
  const [ps, pe] = bounds(mL - 1);
  if (ps >= first) {
    const cur = dayWindow(byDay, cs, ce);
    const prev = dayWindow(byDay, ps, pe);
    if (enough(cur, ce - cs + 1) && enough(prev, pe - ps + 1)) {
      const name = (m: number) => fmtX(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
      // Months differ in length: compare totals only when both are complete.
      const full = cur.obs.length === ce - cs + 1 && prev.obs.length === pe - ps + 1;
      emit(c, cur, prev, full ? agg : 'average', 'period/month-over-month', `${name(mL)} vs ${name(mL - 1)}`, {}, false);
    }
  }
}

/** Point-to-point comparisons for weekly and monthly data. */
function coarse(c: SeriesContext, agg: Agg): void {
  const obs = c.prep.obs;
  const n = obs.length;
  const one = (o: Obs): Window => ({ obs: [o], from: o.x, to: o.x });
  const span = (a: number, b: number): Window => ({ obs: obs.slice(a, b), from: obs[a].x, to: obs[b - 1].x });
  const near = (dt: number, want: number, tol: number) => Math.abs(dt - want) <= tol;
  if (c.prep.granularity === 'weekly') {
    if (n >= 2 && near(obs[n - 1].t - obs[n - 2].t, 7, 1)) {
      emit(c, one(obs[n - 1]), one(obs[n - 2]), agg, 'period/week-over-week', `week of ${fmtX(obs[n - 1].x)} vs the week before`);
    }
    if (n >= 8 && near(obs[n - 1].t - obs[n - 8].t, 49, 2)) {
      emit(c, span(n - 4, n), span(n - 8, n - 4), agg, 'period/last-4-weeks-vs-previous-4', 'last 4 weeks vs the 4 weeks before', { windowWeeks: 4 });
    }
  } else if (c.prep.granularity === 'monthly') {
    if (n >= 2 && monthIndex(obs[n - 1].t) - monthIndex(obs[n - 2].t) === 1) {
      emit(c, one(obs[n - 1]), one(obs[n - 2]), agg, 'period/month-over-month', `${fmtX(obs[n - 1].x)} vs the month before`);
    }
    if (n >= 13 && monthIndex(obs[n - 1].t) - monthIndex(obs[n - 13].t) === 12) {
      emit(c, one(obs[n - 1]), one(obs[n - 13]), agg, 'period/year-over-year', `${fmtX(obs[n - 1].x)} vs the same month a year earlier`);
    }
  }
}

export function comparePeriods(c: SeriesContext): void {
  if (!c.prep.isTime || c.prep.obs.length < 2) return;
  const agg = aggregation(c);
  if (c.prep.granularity === 'daily') daily(c, agg);
  else coarse(c, agg);
}
