import type { Finding, FindingDraft } from './schema';
import { round, tidy } from './stats';

// Ranking: the most notable first, and few of them. Score = size (|changePct|, capped) times
// confidence times a weight per kind (level shift 1, trend 0.5, anomaly 0.4; set where each finding
// is made). Ties keep snapshot order so ids are stable; ids are given after ranking, so F1 is
// always the top finding.

export function rankFindings(drafts: FindingDraft[], max: number): Finding[] {
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((p, q) => q.d.score - p.d.score || p.i - q.i)
    .slice(0, max)
    .map(({ d }, i) => ({
      ...d,
      id: `F${i + 1}`,
      before: tidy(d.before),
      after: tidy(d.after),
      changePct: tidy(d.changePct),
      confidence: round(d.confidence, 2),
      score: round(d.score, 3),
      evidenceIds: [...new Set(d.evidenceIds)],
      caveats: [...new Set(d.caveats)],
      ...(d.unit === undefined ? { unit: undefined } : {}),
    }))
    .map((f) => {
      if (f.unit === undefined) delete f.unit;
      return f;
    });
}
