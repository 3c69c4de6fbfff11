import {
  deseasonalize, localResiduals, noiseScale, seasonality,
  type LocalResiduals, type Seasonality,
} from './seasonal';
import type { PreparedSeries } from './timeaxis';

// The shared first pass over a time series: weekday effect out, spikes marked and replaced by their
// local expectation. Level shifts, anomalies and trends all read from this one result, so a spike
// counts as an anomaly and never bends a level or a slope.
//
// Positive series are analysed on a log scale: dashboard metrics grow and fall by percentages
// (noise, seasonality and growth are all multiplicative), so a compounding trend is a straight
// line there instead of a curve a step model would chop into a staircase.

/** A point this many noise units from both neighbourhoods is a spike for change detection. */
export const SPIKE_SCORE = 4;

export interface Analysis {
  season: Seasonality;
  /** Method-name suffix saying which cycle was taken out: "", "-weekday-adjusted", "-hour-adjusted". */
  adjusted: string;
  /** Working values: log of the deseasonalized series when `log`, else the deseasonalized values. */
  z: number[];
  log: boolean;
  res: LocalResiduals;
  spike: boolean[];
  /** z with spikes replaced by their local expectation. */
  cleanZ: number[];
  /** cleanZ back on the level scale (deseasonalized, despiked). */
  clean: number[];
  /** Noise scale of `cleanZ`. */
  sigma: number;
}

export function analyze(prep: PreparedSeries): Analysis {
  const season = seasonality(prep.obs, prep.granularity, prep.step);
  const d = deseasonalize(prep.obs, season);
  const log = d.length > 0 && d.every((v) => v > 0);
  const z = log ? d.map(Math.log) : d;
  const minSigma = countFloor(prep, log);
  const res = localResiduals(z, minSigma);
  const spike = res.score.map((s) => s >= SPIKE_SCORE);
  const cleanZ = z.map((v, j) => (spike[j] ? res.expected[j] : v));
  const adjusted = season.mode === 'none' ? '' : prep.granularity === 'daily' ? '-weekday-adjusted' : '-hour-adjusted';
  return {
    season, adjusted, z, log, res, spike, cleanZ,
    clean: log ? cleanZ.map(Math.exp) : cleanZ,
    sigma: Math.max(noiseScale(cleanZ), minSigma),
  };
}

/**
 * Small counts (0, 1, 0, 2…) look noise-free to a median-based scale (most steps are exactly zero)
 * and every 2 becomes a sensation. For non-negative integers averaging under 20, the noise is taken
 * to be at least Poisson: sd = sqrt(mean), or 1 / sqrt(mean) on the log scale. Larger counts are
 * left alone: daily actives, say, can be far steadier than Poisson.
 */
function countFloor(prep: PreparedSeries, log: boolean): number {
  const ys = prep.obs.map((o) => o.y);
  if (!ys.length || !ys.every((y) => y >= 0 && Number.isInteger(y))) return 0;
  const m = ys.reduce((a, y) => a + y, 0) / ys.length;
  if (m <= 0 || m >= 20) return 0;
  return log ? 1 / Math.sqrt(m) : Math.sqrt(m);
}

/** A working-scale value back on the deseasonalized level scale. */
export function toLevel(a: Analysis, v: number): number {
  return a.log ? Math.exp(v) : v;
}
