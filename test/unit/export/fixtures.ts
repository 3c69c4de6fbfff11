import type { ExportInput } from '@/lib/export';

export const BOARD = 'https://app.example.test/project/42/board/growth';
export const OTHER = 'https://app.example.test/project/42/board/revenue';
// A 1×1 PNG.
export const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
export const EVIL = '<img src=x onerror=alert(1)>';

const person = { kind: 'person' as const, name: 'Maya', role: 'PM' };

export function input(): ExportInput {
  return {
    generatedAt: '2026-10-23T12:00:00.000Z',
    dashboards: [
      { url: BOARD, title: 'Growth insights', tool: 'mixpanel', readAt: '2026-10-23T10:00:00.000Z', context: { dateRange: 'Aug 1 – Oct 23', timezone: 'UTC', filters: ['All users'] } },
      { url: OTHER, title: 'Revenue', readAt: '2026-09-01T10:00:00.000Z' },
    ],
    charts: [
      { dashboard: BOARD, chartId: 'activation', title: `Activation ${EVIL}`, image: PNG, marks: [{ ref: 'E1', xPct: 62.5, yPct: 40, label: 'Oct 10' }, { ref: 'F1', xPct: 62.5, yPct: 55 }] },
      { dashboard: BOARD, chartId: 'remote', title: 'Signups', image: 'https://127.0.0.2/track.png' },
      { dashboard: OTHER, chartId: 'mrr', title: 'MRR', image: PNG },
    ],
    evidence: [
      { dashboard: BOARD, id: 'E1', chartId: 'activation', series: 'Activation rate', claim: '“Activation rate” fell from 40% to 34% on Oct 10, 2026', values: { before: 40, after: 34, changePct: -15.2 }, unit: '%', points: ['2026-10-10'], method: 'level-shift/binary-segmentation', confidence: 0.9 },
      { dashboard: BOARD, id: 'E2', chartId: 'activation', series: `=HYPERLINK("http://127.0.0.2","x"), ${EVIL}`, claim: 'Line one\nline "two", three', values: { nPoints: 84, last: 0.1 + 0.2 }, points: ['2026-10-20', '2026-10-21'], method: 'anomaly/robust-z', confidence: 0.61 },
      { dashboard: OTHER, id: 'E1', chartId: 'mrr', claim: 'MRR rose 3.5%', values: { changePct: 3.5 }, unit: 'USD', points: ['2026-08-31'], method: 'trend', confidence: 0.7 },
    ],
    findings: [
      {
        dashboard: BOARD, readAt: '2026-10-23T10:00:00.000Z', id: 'F1', chartId: 'activation', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10',
        before: 40, after: 34, changePct: -15.2, unit: '%', confidence: 0.45, originalConfidence: 0.9, evidenceIds: ['E1'],
        title: 'Activation rate fell 15.2% from Oct 10, 2026', caveats: ['Few points after the change'], score: 9,
        triage: { verdict: 'investigate', reason: 'check onboarding v2 *launch*', actor: 'Maya', createdAt: '2026-10-23T10:05:00.000Z' },
        adjustments: [{ by: 'note', id: 'outage', factor: 0.5, text: "Sam's note explains this: 'Oct 10 tracking outage'" }],
        notes: [{ uid: 'outage', text: 'Oct 10 tracking outage', by: 'Sam' }],
      },
      {
        dashboard: BOARD, readAt: '2026-10-23T10:00:00.000Z', id: 'F2', chartId: 'activation', series: 'Activation rate', kind: 'anomaly', at: '2026-10-20',
        before: 35, after: 28, changePct: -20, unit: '%', confidence: 0.61, evidenceIds: ['E2'], title: `Spike in ${EVIL}`, caveats: [], score: 5,
        suppressed: { verdict: 'expected', reason: "You marked this expected on Oct 12: 'seasonal campaign'", triageKey: 'k', triagedAt: '2026-10-12T10:00:00.000Z' },
      },
    ],
    explanations: [
      { dashboard: BOARD, at: '2026-10-23T10:10:00.000Z', question: 'Why did activation fall?', text: 'Activation fell 15.2% [E1] [F1], which the team says was an outage [N1]. See also [E9].', provider: 'Offline', noteRefs: [{ ref: 'N1', text: 'Sam told us: “Oct 10 tracking outage”' }] },
    ],
    proposals: [
      { id: 1, dashboard: BOARD, title: 'Roll back onboarding v2', kind: 'roll-back-change', status: 'declined', declineReason: 'the cohort is too small', risk: 'medium', impact: 'activation +3pp', createdAt: '2026-10-23T10:20:00.000Z', decidedBy: 'Maya' },
      { id: 2, dashboard: BOARD, title: 'Remove feature X', status: 'proposed', createdAt: '2026-10-23T10:21:00.000Z', contradictions: ['This proposal would remove something a note asks to protect (both mention “x”): “Feature X was built for Acme”'] },
    ],
    rules: [{ dashboard: BOARD, draftId: 3, name: 'Customer-facing', message: 'Customer-facing change needs PM sign-off', requires: { role: 'PM', signoffs: 1 }, at: '2026-10-23T10:30:00.000Z' }],
    signoffs: [{ dashboard: BOARD, draftId: 3, rule: 'Customer-facing', name: 'Maya', role: 'PM', note: 'ok for EU only', at: '2026-10-23T10:31:00.000Z', actor: person }],
    steps: [
      { dashboard: BOARD, draftId: 3, stepId: 's1', label: 'Set date range to Oct 1 – Oct 23', kind: 'set-date-range', state: 'applied', at: '2026-10-23T10:32:00.000Z', before: 'Aug 1 – Oct 23' },
      { dashboard: BOARD, draftId: 3, stepId: 's1', label: 'Set date range to Oct 1 – Oct 23', kind: 'set-date-range', state: 'reverted', at: '2026-10-23T10:40:00.000Z' },
    ],
    feedback: [
      { dashboard: BOARD, targetKey: 'k', target: 'finding', kind: 'misleading', comment: 'seasonal', quote: 'Spike in signups', actor: 'you', createdAt: '2026-10-12T11:00:00.000Z' },
      { dashboard: OTHER, targetKey: 'k2', target: 'answer', kind: 'wrong-number', comment: 'MRR excludes refunds', actor: 'you', createdAt: '2026-09-02T11:00:00.000Z' },
    ],
    notes: [
      { uid: 'outage', text: 'Oct 10 tracking outage', by: 'Sam', dashboard: 'app.example.test/project/42/board/growth', scope: { chart: 'activation' }, createdAt: '2026-10-11T00:00:00.000Z', updatedAt: '2026-10-11T00:00:00.000Z' },
      { uid: 'mrr', text: 'MRR excludes refunds', dashboard: OTHER, scope: {}, createdAt: '2026-09-01T00:00:00.000Z', updatedAt: '2026-09-01T00:00:00.000Z' },
    ],
    log: [{ at: '2026-10-23T10:20:00.000Z', kind: 'declined', actor: person, dashboard: BOARD, proposalId: 1, evidenceIds: ['E1'], summary: 'Declined: the cohort is too small' }],
  };
}
