import type { ProposalInput } from '@/lib/guardrails/proposals';
import type { Actor, CheckpointAnswers } from '@/lib/guardrails/schema';

export const board = 'http://127.0.0.1:4173/dashboards/growth/';
export const now = '2026-10-23T10:00:00.000Z';
export const person: Actor = { kind: 'person', name: 'Ana', role: 'PM' };
export const model: Actor = { kind: 'model', name: 'gpt' };
export const page: Actor = { kind: 'page', name: 'dashboard text' };
export const system: Actor = { kind: 'system', name: 'loupe' };

export const activation: ProposalInput = {
  key: `${board}|activation-rate|Activation rate|level-shift|2026-10-10`, dashboard: board, chartTitle: 'Activation rate',
  series: 'Activation rate', kind: 'level-shift', changePct: -15.2, evidenceIds: ['E4', 'E5'], verdict: 'real', at: '2026-10-10',
};
export const spend: ProposalInput = {
  ...activation, key: `${board}|spend|Paid spend|level-shift|2026-10-12`, chartTitle: 'Paid spend by channel', series: 'Paid spend', changePct: 22, evidenceIds: ['E7'], at: '2026-10-12',
};

export function answers(mode: 'act' | 'review' = 'act', actor: Actor = person): CheckpointAnswers {
  return {
    mode, window: { from: '2026-10-01', to: '2026-10-23', label: 'Oct 1 – Oct 23' }, cohort: 'New users (web)',
    windowConfirmed: true, cohortConfirmed: true, shown: { confidence: 0.92, evidenceIds: ['E4'] }, confirmedAt: now, actor,
  };
}
