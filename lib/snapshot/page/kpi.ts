import type { Metric } from '../schema';

// Placeholder until the KPI reader is written.
export function readKpis(_doc: Document): { metrics: Metric[]; notes: string[] } {
  return { metrics: [], notes: [] };
}
