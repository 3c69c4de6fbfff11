import type { Series } from './schema';
import { parseDateLabels } from './dates';

// Many charts put formatted dates on a category axis ("Oct 1", "Mon, Oct 6", "1 Oct 2026"): the
// chart is a time series a person reads by date, and the contract wants such x as ISO dates. Only
// labels that name a month in words and carry a day or a year count ("Jan" … "Dec" alone are month
// categories, "10/01" is ambiguous), and only when every label of the chart is one.

const WORDY_DATE = /\p{L}{3}/u;
const HAS_NUMBER = /\d/;

/** The series with ISO x when every x is such a date label; null when any is not. */
export function dateLabelsAsTime(series: readonly Series[], opts: { year: number; locale?: string }): Series[] | null {
  const first = series.find((s) => s.points.length)?.points.map((p) => p.x) ?? [];
  if (first.length < 2) return null;
  const all = series.flatMap((s) => s.points.map((p) => p.x));
  if (!all.every((x) => typeof x === 'string' && WORDY_DATE.test(x) && HAS_NUMBER.test(x))) return null;
  // One run, in the first series' order, so a year boundary ("Dec 30", "Jan 2") is stepped across.
  const order = [...new Set(all as string[])];
  const iso = parseDateLabels(order, opts);
  if (iso.some((d) => d === null)) return null;
  const byLabel = new Map(order.map((label, i) => [label, iso[i] as string]));
  if (new Set(byLabel.values()).size !== byLabel.size) return null; // two labels, one day: not a date axis
  return series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, x: byLabel.get(p.x as string)! })) }));
}
