import { toLevel, type Analysis } from './analysis';
import { base, commonCaveats, commonPenalty, type SeriesContext } from './context';
import { fmtNumber, fmtPct, fmtValue, fmtX } from './format';
import { reseasonalize } from './seasonal';
import { clamp, pctChange, round } from './stats';

// Single points far from what their neighbourhood and weekday predict. The expectation is the
// median of the nearer side (5 points left or right, weekday effect removed), so a level shift
// is not an anomaly; the scale is the robust day-to-day noise of the series.

/** Noise units for an anomaly to be evidence, and for it to become a finding. */
const EVIDENCE_SCORE = 5;
const FINDING_SCORE = 6;
/** Smallest relative deviation worth a person's attention. */
const EVIDENCE_PCT = 5;
const FINDING_PCT = 10;
const MAX_PER_SERIES = 5;
const MAX_FINDINGS_PER_SERIES = 3;

export function anomalies(c: SeriesContext, a: Analysis, summaryId?: string): void {
  const obs = c.prep.obs;
  if (obs.length < 8) return;
  const picks: Array<{ j: number; expected: number; dev: number; score: number }> = [];
  a.res.score.forEach((score, j) => {
    if (score < EVIDENCE_SCORE) return;
    const expected = reseasonalize(toLevel(a, a.res.expected[j]), obs[j].t, a.season);
    const dev = pctChange(expected, obs[j].y);
    if (Number.isFinite(dev) && Math.abs(dev) < EVIDENCE_PCT) return;
    picks.push({ j, expected, dev, score });
  });
  const top = picks.sort((p, q) => q.score - p.score || p.j - q.j).slice(0, MAX_PER_SERIES).sort((p, q) => p.j - q.j);
  const noiseWord = c.prep.granularity === 'daily' ? 'day-to-day' : 'point-to-point';
  const basis = a.season.mode === 'none' ? 'nearby points'
    : c.prep.granularity === 'daily' ? 'nearby days and the weekday pattern' : 'nearby points and the hour-of-day pattern';
  let findings = 0;
  const ranked = [...top].sort((p, q) => q.score - p.score);
  const promoted = new Set(
    ranked.filter((p) => p.score >= FINDING_SCORE && Math.abs(p.dev) >= FINDING_PCT && obs.length >= 14)
      .slice(0, MAX_FINDINGS_PER_SERIES).map((p) => p.j),
  );
  for (const p of top) {
    const o = obs[p.j];
    const values: Record<string, number> = { value: o.y, expected: p.expected, noiseMultiple: round(p.score, 1) };
    if (Number.isFinite(p.dev)) values.changePct = p.dev;
    const where = Number.isFinite(p.dev) ? `${fmtPct(Math.abs(p.dev))} ${p.dev > 0 ? 'above' : 'below'} ` : 'away from ';
    const scoreText = p.score >= 1000 ? 'the series is otherwise flat' : `${fmtNumber(round(p.score, 1))} times the ${noiseWord} noise`;
    let conf = clamp((1 - 0.5 * Math.exp(-(p.score - EVIDENCE_SCORE) / 3)) * commonPenalty(c), 0.05, 0.99);
    conf = Math.round(conf * 100) / 100;
    const ev = c.b.add({
      ...base(c),
      claim: `${c.label} was ${fmtValue(o.y, c.unit)} on ${fmtX(o.x)}, ${where}the ${fmtValue(p.expected, c.unit)} `
        + `expected from ${basis}; ${scoreText}.`,
      values,
      points: [o.x],
      method: `anomaly/local-median-mad${a.adjusted}`,
      confidence: conf,
    });
    if (!promoted.has(p.j) || findings >= MAX_FINDINGS_PER_SERIES) continue;
    findings++;
    c.findings.push({
      chartId: c.chart.id, series: c.series.name, kind: 'anomaly', at: o.x,
      before: p.expected, after: o.y, changePct: p.dev, unit: c.unit, confidence: conf,
      evidenceIds: [ev.id, ...(summaryId ? [summaryId] : [])],
      title: `${c.plain} was ${fmtPct(Math.abs(p.dev))} ${p.dev > 0 ? 'above' : 'below'} expected on ${fmtX(o.x)}`,
      caveats: [
        ...commonCaveats(c),
        'A single point: a tracking glitch, a bot or a late backfill would look the same.',
      ],
      // A one-day spike matters less than a lasting change: capped size, lower weight.
      score: Math.min(Math.abs(p.dev), 40) * conf * 0.4,
    });
  }
}
