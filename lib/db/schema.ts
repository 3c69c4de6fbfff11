import { z } from 'zod';

export const TRIAGE_VERDICTS = ['real', 'expected', 'noise', 'investigate'] as const;
export const TriageVerdict = z.enum(TRIAGE_VERDICTS);

/** A person's triage of one finding, with the context later levels need (which board, chart,
 *  series and period it concerns). Keyed by the finding's identity, not its per-read id. */
export const TriageRecord = z.object({
  id: z.number().int().optional(),
  key: z.string().min(1).max(600),
  dashboard: z.string().max(2000),
  chartId: z.string().max(120),
  chartTitle: z.string().max(500),
  series: z.string().max(300),
  kind: z.string().max(40),
  at: z.union([z.string(), z.number()]),
  changePct: z.number().finite(),
  verdict: TriageVerdict,
  reason: z.string().max(2000).default(''),
  evidenceIds: z.array(z.string().max(20)).max(50),
  actor: z.string().max(120).default('you'),
  createdAt: z.string(),
});

export type TriageVerdict = z.infer<typeof TriageVerdict>;
export type TriageRecord = z.infer<typeof TriageRecord>;

/** The identity of a finding across reads: the same change on the same series of the same board. */
export function findingKey(dashboardUrl: string, f: { chartId: string; series: string; kind: string; at: string | number }): string {
  return [dashboardKey(dashboardUrl), f.chartId, f.series, f.kind, String(f.at)].join('|');
}

/** A board's URL without its fragment and volatile query parameters (e.g. a cache-buster). */
export function dashboardKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const p of ['t', '_', 'ts', 'cacheBust']) u.searchParams.delete(p);
    return u.toString();
  } catch {
    return url;
  }
}
