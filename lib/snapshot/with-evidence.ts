import { computeEvidence } from '../evidence';
import type { DashboardSnapshot } from './schema';

/** Adds the evidence engine's evidence and findings to a snapshot (design.md, `--evidence`). */
export function withEvidence(snapshot: DashboardSnapshot): DashboardSnapshot {
  const { evidence, findings } = computeEvidence(snapshot);
  return { ...snapshot, evidence, findings };
}
