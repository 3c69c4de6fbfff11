import type { EvidenceBuilder } from './context';
import { fmtX } from './format';
import type { FindingDraft } from './schema';
import type { ShiftRecord } from './levelshifts';

// Level shifts on different charts of the same board that start within two points of each other.
// Stated as co-occurrence only: two metrics moving together is a reason to look for a shared cause
// (a release, a tracking change), never evidence that one moved the other.

const WITHIN_POINTS = 2;

export function cooccurrences(b: EvidenceBuilder, shifts: ShiftRecord[], findings: FindingDraft[]): void {
  const sorted = [...shifts].sort((p, q) => p.t - q.t);
  const used = new Set<ShiftRecord>();
  for (let i = 0; i < sorted.length; i++) {
    const head = sorted[i];
    if (used.has(head)) continue;
    const group = [head];
    for (let j = i + 1; j < sorted.length; j++) {
      const r = sorted[j];
      if (r.t - head.t > WITHIN_POINTS * Math.max(head.step, r.step)) break;
      if (!used.has(r)) group.push(r);
    }
    // One change per chart: the first of each chart in the window.
    const perChart = group.filter((r, k) => group.findIndex((q) => q.chartId === r.chartId) === k);
    if (perChart.length < 2) continue;
    perChart.forEach((r) => used.add(r));
    const span = Math.round(perChart[perChart.length - 1].t - perChart[0].t);
    const daily = perChart.every((r) => r.step <= 1.5);
    const gap = span === 0 ? 'on the same day'
      : daily ? `within ${span} ${span === 1 ? 'day' : 'days'} of each other` : 'within two points of each other';
    const list = perChart.map((r) => `${r.label} (${fmtX(r.x)})`).join(', ');
    const ev = b.add({
      chartId: perChart[0].chartId,
      relatedChartIds: perChart.slice(1).map((r) => r.chartId),
      claim: `Changes started ${gap} on ${perChart.length} charts: ${list}. This is co-occurrence only; it does not `
        + 'show that one caused the other.',
      values: { nCharts: perChart.length, spanDays: span },
      points: [...new Set(perChart.map((r) => r.x))],
      method: 'co-occurrence/change-points-within-2-points',
      confidence: 1,
    });
    for (const r of perChart) {
      const f = findings[r.findingIndex];
      f.evidenceIds.push(ev.id);
      f.caveats.push(
        'Other charts on this board changed at about the same time: a shared cause (a release, a tracking change) is possible.',
      );
    }
  }
}
