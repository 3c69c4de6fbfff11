import type { DashboardSnapshot } from '@/lib/snapshot/schema';

/** A Growth-like board: activation rate near 34% that drops about 15% from 2026-10-10 (or stays flat). */
export function activationBoard(opts: { url?: string; flat?: boolean } = {}): DashboardSnapshot {
  const points: Array<{ x: string; y: number }> = [];
  const start = Date.UTC(2026, 7, 1);
  for (let i = 0; i < 82; i++) {
    const x = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    // A small deterministic wobble, so the engine sees noise rather than a perfect step.
    const wobble = ((i * 7) % 5 - 2) * 0.3;
    const level = !opts.flat && x >= '2026-10-10' ? 29 : 34.2;
    points.push({ x, y: Math.round((level + wobble) * 10) / 10 });
  }
  return {
    url: opts.url ?? 'http://127.0.0.1:4173/dashboards/growth-mixpanel/',
    title: 'Growth insights', tool: 'mixpanel', readAt: '2026-10-23T12:00:00.000Z',
    charts: [{
      id: 'activation-rate', title: 'Activation rate', kind: 'line', source: 'chartjs', exact: true,
      x: { type: 'time' }, y: { unit: '%' }, series: [{ name: 'Activation rate', points }],
    }],
    metrics: [],
    stats: { readMs: 5, charts: 1, points: points.length },
  };
}
