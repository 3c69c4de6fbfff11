import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChatRecord } from '@/lib/db/chats';
import type { NoteRow } from '@/lib/db/notes';
import type { TriageRecord } from '@/lib/db/schema';
import { buildExport, toJson, toMarkdown, type ExportInput } from '@/lib/export';
import { beforeInWords, gatherDecisions, type DecisionRows } from '@/lib/export/gather';
import { DEFAULT_RULES } from '@/lib/guardrails/rules';
import type { Draft, LogEvent, Proposal } from '@/lib/guardrails/schema';

const SCHEMA = JSON.parse(readFileSync(new URL('../../../docs/export-schema.json', import.meta.url), 'utf8'));
const BOARD = 'http://127.0.0.1:4173/dashboards/growth-mixpanel/';
const KEY = `${BOARD}|activation-rate|Activation rate|level-shift|2026-10-10`;
const you = { kind: 'person' as const, name: 'you' };
const maya = { kind: 'person' as const, name: 'Maya', role: 'PM' };
const loupe = { kind: 'system' as const, name: 'Loupe' };

const proposal = (id: number, over: Partial<Proposal>): Proposal => ({
  id, findingKey: KEY, dashboard: BOARD, kind: 'roll-back-change', title: 'Roll back the onboarding change',
  rationale: 'The drop starts the day onboarding v2 shipped.', impact: 'Activation back near 34%', risk: 'medium',
  reversibility: 'Turn the flag back on', affected: 'New users', evidenceIds: ['E1'], draftFields: { customerFacing: true },
  source: 'template', status: 'proposed', createdAt: '2026-10-23T12:01:00.000Z', ...over,
});

const draft: Draft = {
  id: 10, proposalId: 2, findingKey: KEY, dashboard: BOARD, draftFields: { customerFacing: true },
  steps: [
    { id: 's1', kind: 'set-date-range', label: 'Set date range to Oct 10 – Oct 23, 2026', target: { controlId: 'date-range' }, value: { from: '2026-10-10', to: '2026-10-23' } },
    { id: 's2', kind: 'manual', label: 'Turn off the onboarding v2 flag', text: 'In the flag service, turn onboarding-v2 off.' },
  ],
  checkpoint: {
    mode: 'act', window: { from: '2026-10-10', to: '2026-10-23', label: 'Oct 10 – Oct 23' }, cohort: 'All users',
    windowConfirmed: true, cohortConfirmed: true, shown: { confidence: 0.9, evidenceIds: ['E1'] }, confirmedAt: '2026-10-23T12:03:00.000Z', actor: you,
  },
  state: 'reverted', stepStates: { s1: 'reverted', s2: 'pending' }, createdAt: '2026-10-23T12:03:00.000Z', updatedAt: '2026-10-23T12:09:00.000Z',
};

const ev = (id: number, at: string, kind: LogEvent['kind'], actor: LogEvent['actor'], summary: string, more: Partial<LogEvent> = {}): LogEvent => ({
  id, at, kind, actor, dashboard: BOARD, findingKey: KEY, evidenceIds: ['E1'], summary, ...more,
});

const REASON = 'The banner was built for the Acme partnership; keep it until Q1';
const log: LogEvent[] = [
  ev(1, '2026-10-23T12:02:00.000Z', 'declined', you, `Declined: ${REASON}`, { proposalId: 1 }),
  ev(2, '2026-10-23T12:03:00.000Z', 'approved', maya, 'Approved: Roll back the onboarding change', { proposalId: 2 }),
  ev(3, '2026-10-23T12:03:00.000Z', 'rule-matched', loupe, 'Rule “Customer-facing change”: Any customer-facing change requires PM sign-off. (customerFacing is true (rule: = true))',
    { proposalId: 2, draftId: 10, detail: { rule: 'Customer-facing change', role: 'PM' } }),
  ev(4, '2026-10-23T12:04:00.000Z', 'signoff', maya, 'Maya (PM) signed off “Customer-facing change”: fine for one week', { draftId: 10 }),
  ev(5, '2026-10-23T12:05:00.000Z', 'step-applied', you, 'Applied: Set date range', { proposalId: 2, draftId: 10, stepId: 's1' }),
  ev(6, '2026-10-23T12:05:01.000Z', 'step-verified', loupe, 'Verified: Set date range', { proposalId: 2, draftId: 10, stepId: 's1' }),
  ev(7, '2026-10-23T12:09:00.000Z', 'step-reverted', loupe, 'Reverted: Set date range', { proposalId: 2, draftId: 10, stepId: 's1' }),
];

const note: NoteRow = {
  id: 1, uid: 'acme', text: 'Never remove the referral banner: it was built for Acme, our largest customer.', dashboard: '127.0.0.1:4173/dashboards/*',
  scope: {}, by: 'Sam', createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z',
} as NoteRow;

const triage: TriageRecord = {
  key: KEY, dashboard: BOARD, chartId: 'activation-rate', chartTitle: 'Activation rate', series: 'Activation rate', kind: 'level-shift',
  at: '2026-10-10', changePct: -15.2, verdict: 'real', reason: '', evidenceIds: ['E1'], actor: 'you', createdAt: '2026-10-23T12:00:30.000Z',
};

const chat: ChatRecord = {
  id: 3, dashboard: BOARD, question: 'Why did activation fall?', status: 'done', provider: 'Local model',
  answer: 'Activation fell from 34.2% to 29% [E1], the change Loupe found [F1]; Sam says the banner matters [N1]. A stale id [E7].',
  retries: [], citations: ['E1', 'F1'], unsupported: 0, marks: [], evidenceIds: ['E1'],
  evidence: [
    { id: 'E1', chartId: 'activation-rate', claim: '“Activation rate” fell from 34.2% to 29% on Oct 10, 2026', points: ['2026-10-10'] },
    { id: 'F1', chartId: 'activation-rate', claim: 'Activation rate fell 15.2% from Oct 10, 2026', points: ['2026-10-10'] },
  ],
  createdAt: '2026-10-23T12:06:00.000Z', updatedAt: '2026-10-23T12:06:05.000Z',
};

function rows(over: Partial<DecisionRows> = {}): DecisionRows {
  return {
    board: BOARD,
    proposals: [
      proposal(1, { title: 'Remove the referral banner (low engagement)', rationale: 'Under 1% of new users click the referral banner.', status: 'declined', declineReason: REASON, source: 'model' }),
      proposal(2, { status: 'approved' }),
      proposal(3, { kind: 'notify-owner', title: 'Tell the onboarding owner', draftFields: {} }),
    ],
    drafts: [draft], rules: DEFAULT_RULES,
    signoffs: [{ id: 1, draftId: 10, rule: 'Customer-facing change', name: 'Maya', role: 'PM', note: 'fine for one week', at: '2026-10-23T12:04:00.000Z', actor: maya }],
    undo: [{ id: 1, draftId: 10, stepId: 's1', step: draft.steps[0], before: '2026-08-01/2026-10-23', createdAt: '2026-10-23T12:04:59.000Z' }],
    log, notes: [note], triage: [triage],
    chats: [chat, { ...chat, id: 4, question: 'And now?', answer: '', status: 'error', error: 'The provider refused' }],
    noteRefs: [{ ref: 'N1', text: 'Sam told us: “Never remove the referral banner: it was built for Acme, our largest customer.”' }],
    ...over,
  };
}

function exportOf(parts: ReturnType<typeof gatherDecisions>, log: LogEvent[]): ExportInput {
  return {
    generatedAt: '2026-10-23T13:00:00.000Z', filter: { dashboard: BOARD },
    dashboards: [{ url: BOARD, title: 'Growth insights', readAt: '2026-10-23T12:00:00.000Z' }], log, ...parts,
  };
}

describe('gatherDecisions', () => {
  const parts = gatherDecisions(rows());

  it('gives each proposal its status, decline reason, who decided and the notes it goes against', () => {
    const [declined, approved, open] = parts.proposals;
    expect(declined).toMatchObject({ id: 1, status: 'declined', declineReason: REASON, decidedBy: 'you' });
    expect(declined.contradictions).toHaveLength(1);
    expect(declined.contradictions?.[0]).toContain('Never remove the referral banner');
    expect(approved).toMatchObject({ id: 2, status: 'approved', decidedBy: 'Maya (PM)', contradictions: [] });
    expect(open.decidedBy).toBeUndefined();
  });

  it('lists rules matched per draft with what they require, and the draft’s sign-offs', () => {
    expect(parts.rules).toEqual([{
      dashboard: BOARD, draftId: 10, name: 'Customer-facing change', message: 'Any customer-facing change requires PM sign-off.',
      requires: { role: 'PM', signoffs: 1 }, at: '2026-10-23T12:03:00.000Z',
    }]);
    expect(parts.signoffs).toEqual([expect.objectContaining({ dashboard: BOARD, name: 'Maya', role: 'PM', note: 'fine for one week', draftId: 10 })]);
  });

  it('matches a draft against the rules in force when its log has no rule lines', () => {
    const noLines = gatherDecisions(rows({ log: log.filter((e) => e.kind !== 'rule-matched') }));
    expect(noLines.rules.map((r) => [r.name, r.at])).toEqual([['Customer-facing change', draft.createdAt]]);
  });

  it('lists steps applied, verified and reverted with the state before in words, and hand steps still to do', () => {
    expect(parts.steps.map((s) => [s.stepId, s.state, s.before])).toEqual([
      ['s1', 'applied', 'Date range was 2026-08-01 – 2026-10-23'],
      ['s1', 'verified', 'Date range was 2026-08-01 – 2026-10-23'],
      ['s1', 'reverted', 'Date range was 2026-08-01 – 2026-10-23'],
    ]);
    const running = gatherDecisions(rows({ drafts: [{ ...draft, state: 'running', stepStates: { s1: 'verified', s2: 'pending' } }] }));
    expect(running.steps.at(-1)).toMatchObject({ stepId: 's2', state: 'manual', label: 'Turn off the onboarding v2 flag' });
  });

  it('keeps answered Ask turns with the claims they cited, not failed ones', () => {
    expect(parts.explanations).toHaveLength(1);
    expect(parts.explanations[0]).toMatchObject({ question: 'Why did activation fall?', provider: 'Local model', at: chat.createdAt });
  });
});

describe('beforeInWords', () => {
  it('says each kind of control state in words', () => {
    const t = { controlId: 'plan' };
    expect(beforeInWords({ id: 's1', kind: 'set-filter', label: 'x', target: t, value: { field: 'Plan', value: 'Pro' } }, 'All plans')).toBe('Plan was “All plans”');
    expect(beforeInWords({ id: 's1', kind: 'set-breakdown', label: 'x', target: t, value: 'Country' }, '')).toBe('Breakdown was empty');
    expect(beforeInWords({ id: 's1', kind: 'toggle-control', label: 'x', target: t, value: false }, 'on')).toBe('plan was on');
    expect(beforeInWords({ id: 's1', kind: 'add-annotation', label: 'x', target: t, value: { at: '2026-10-10', text: 'v2' } }, '[]')).toBe('There were no annotations');
    expect(beforeInWords({ id: 's1', kind: 'manual', label: 'x', text: 'by hand' }, 'on')).toBeUndefined();
    expect(beforeInWords({ id: 's1', kind: 'set-breakdown', label: 'x', target: t, value: 'Country' }, null)).toBeUndefined();
  });
});

describe('an export of the gathered decisions', () => {
  const exp = buildExport(exportOf(gatherDecisions(rows()), log));

  it('reads in Markdown: the decline and its reason, the approval, rule, sign-off, steps and the answer’s citations', () => {
    const md = toMarkdown(exp);
    expect(md).toContain('## Proposals and decisions');
    expect(md).toContain('- Remove the referral banner (low engagement) — declined by you');
    expect(md).toContain(`  - Reason: ${REASON}`);
    expect(md).toMatch(/ {2}- Against a note: .*Never remove the referral banner/);
    expect(md).toContain('- Roll back the onboarding change — approved by Maya (PM)');
    expect(md).toContain('- Customer-facing change: Any customer-facing change requires PM sign-off. (needs 1 sign-off from PM, draft 10');
    expect(md).toContain('- Maya (PM) signed off “Customer-facing change” on draft 10 at 2026-10-23T12:04:00.000Z: fine for one week');
    expect(md).toContain('Draft 10, s1: Set date range to Oct 10 – Oct 23, 2026 — reverted at 2026-10-23T12:09:00.000Z (before: Date range was 2026-08-01 – 2026-10-23)');
    expect(md).toContain('Draft 10, s1: Set date range to Oct 10 – Oct 23, 2026 — applied at');
    expect(md).toContain('### Asked: Why did activation fall? (2026-10-23T12:06:00.000Z, Local model)');
    expect(md).toContain('- \\[E1\\] “Activation rate” fell from 34.2% to 29% on Oct 10, 2026');
    expect(md).toContain('- \\[F1\\] Activation rate fell 15.2% from Oct 10, 2026');
    expect(md).toContain('- \\[N1\\] Sam told us: “Never remove the referral banner');
    expect(md).toContain('- \\[E7\\] not found in this export');
    expect(md).toContain(`Declined: ${REASON}`); // the decision log line
  });

  it('says an [N…] the answer was never given is unresolved', () => {
    const bare = buildExport(exportOf(gatherDecisions(rows({ noteRefs: undefined })), log));
    expect(bare.explanations[0].citations.find((c) => c.ref === 'N1')).toEqual({ ref: 'N1', kind: 'note', text: null });
    expect(bare.warnings).toContain('An explanation from 2026-10-23T12:06:00.000Z cites [N1], which is not in this export.');
  });

  it('resolves an [N…] from the note the answer itself cited (kept with its turn)', () => {
    const told = { id: 'N1', chartId: '', claim: 'Sam told us: “The banner was built for Acme.”', points: [] };
    const own = { ...chat, citations: ['E1', 'F1', 'N1'], evidence: [...chat.evidence, told] };
    const exp = buildExport(exportOf(gatherDecisions({ ...rows({ noteRefs: undefined }), chats: [own] }), log));
    expect(exp.explanations[0].citations.find((c) => c.ref === 'N1')).toEqual({ ref: 'N1', kind: 'note', text: told.claim });
    expect(exp.explanations[0].citations.find((c) => c.ref === 'E1')).toMatchObject({ kind: 'evidence', text: chat.evidence[0].claim });
  });

  it('validates as JSON against docs/export-schema.json', () => {
    const json = JSON.parse(toJson(exp));
    expect(z.fromJSONSchema(SCHEMA).safeParse(json).success).toBe(true);
    expect(json.proposals).toHaveLength(3);
    expect(json.steps).toHaveLength(3);
  });

  it('keeps only what happened in the date range', () => {
    const later = buildExport({ ...exportOf(gatherDecisions(rows()), log), filter: { dashboard: BOARD, from: '2026-10-23T12:05:00.000Z' } });
    expect(later.proposals).toEqual([]); // made before the range
    expect(later.steps.map((s) => s.state)).toEqual(['applied', 'verified', 'reverted']);
    expect(later.signoffs).toEqual([]);
  });
});
