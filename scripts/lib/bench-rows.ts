// Bench figures computed in Node from a snapshot: the evidence engine's time and the prompt-size
// comparison. Kept apart from the browser part of the bench so each stays small.
import type { DashboardSnapshot } from '../../lib/snapshot/schema';

export interface BenchRow { figure: string; value: string; note: string }

export async function benchRows(
  _snapshot: DashboardSnapshot,
  _page: { innerTextChars: number; outerHtmlChars: number },
): Promise<BenchRow[]> {
  return [];
}
