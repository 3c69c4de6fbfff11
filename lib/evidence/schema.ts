import { z } from 'zod';
import { X } from '../snapshot/schema';

// Evidence and Finding contracts of design.md. Everything the copilot says with a number must cite an
// Evidence item; the verifier (lib/copilot/verify.ts) reads these shapes, so they are the boundary
// between the engine and everything that talks to a person.
//
// Naming convention for `values` keys (the verifier relies on it to tell percent from points):
//   *Pct    a relative change in percent (after vs before), e.g. changePct: -15.2
//   *Pp     a difference of two percent values, in percentage points, e.g. changePp: -6.3
//   *Share  a share of a total, in percent (0..100)
//   n*, *Days, *Count   counts and window lengths (points, days, categories)
//   anything else is a level in the evidence's `unit` (before, after, last, mean, ...)

export const EvidenceId = z.string().regex(/^E\d+$/);
export const FindingId = z.string().regex(/^F\d+$/);

export const Evidence = z.object({
  id: EvidenceId,
  chartId: z.string(),
  /** Other charts a cross-chart item (co-occurrence) speaks about. */
  relatedChartIds: z.array(z.string()).optional(),
  series: z.string().optional(),
  /** One plain sentence; names of charts, series and categories appear in “curly quotes”. */
  claim: z.string(),
  values: z.record(z.string(), z.number()),
  /** Unit of the level values (the chart's y unit): "%", "USD", ... */
  unit: z.string().optional(),
  /** The exact x values the claim rests on. */
  points: z.array(X),
  /** Short method name, e.g. "level-shift/binary-segmentation". */
  method: z.string(),
  confidence: z.number().min(0).max(1),
});

export const FINDING_KINDS = ['level-shift', 'anomaly', 'trend'] as const;
export const FindingKind = z.enum(FINDING_KINDS);

export const Finding = z.object({
  id: FindingId,
  chartId: z.string(),
  series: z.string(),
  kind: FindingKind,
  /** The x where the change starts (the anomalous point for an anomaly, the first x for a trend). */
  at: X,
  /** Level before (expected value for an anomaly, fitted start for a trend). */
  before: z.number(),
  /** Level after (observed value for an anomaly, fitted end for a trend). */
  after: z.number(),
  /** Level after versus before, in percent. */
  changePct: z.number(),
  unit: z.string().optional(),
  confidence: z.number().min(0).max(1),
  evidenceIds: z.array(EvidenceId).min(1),
  /** One plain sentence, e.g. "Activation rate fell 15.2% from Oct 10, 2026". */
  title: z.string(),
  /** What could make this wrong. */
  caveats: z.array(z.string()),
  /** For ranking: higher is more notable. */
  score: z.number(),
});

export const EvidenceOptions = z.object({
  /** "Now" for the partial-period check; defaults to snapshot.readAt. */
  now: z.string().optional(),
  /** IANA time zone used to turn `now` into a calendar date; defaults to snapshot.context.timezone. */
  timezone: z.string().optional(),
  /** Smallest |changePct| reported as a level shift. */
  minChangePct: z.number().positive().optional(),
  /** Minimum points on each side of a change point. */
  minSegment: z.number().int().min(3).optional(),
  /** Threshold of the split statistic (robust t) for a change point. */
  threshold: z.number().positive().optional(),
  /** At most this many findings, best first. */
  maxFindings: z.number().int().positive().optional(),
});

export const EvidenceResult = z.object({
  evidence: z.array(Evidence),
  findings: z.array(Finding),
});

export type Evidence = z.infer<typeof Evidence>;
export type FindingKind = z.infer<typeof FindingKind>;
export type Finding = z.infer<typeof Finding>;
export type EvidenceOptions = z.infer<typeof EvidenceOptions>;
export type EvidenceResult = z.infer<typeof EvidenceResult>;

/** A finding before ranking gives it an id. */
export type FindingDraft = Omit<Finding, 'id'>;
/** An evidence item before the builder gives it an id. */
export type EvidenceDraft = Omit<Evidence, 'id'>;

export interface ResolvedOptions {
  now: string;
  timezone?: string;
  minChangePct: number;
  minSegment: number;
  threshold: number;
  maxFindings: number;
}

export const DEFAULTS = {
  // Under 7% a "shift" in daily product metrics was, on the hold-out boards, day-to-day noise that
  // happened to line up (−5.2% refunds, −5.5% referral signups); 7 lost no injected 10–30% shift
  // in 400 seeded series (see test/unit/evidence/batch.test.ts for the acceptance batch).
  minChangePct: 7,
  minSegment: 5,
  threshold: 4.5,
  maxFindings: 12,
} as const;
