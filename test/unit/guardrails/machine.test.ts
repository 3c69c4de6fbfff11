import { describe, expect, it } from 'vitest';
import { stepsFor } from '@/lib/guardrails/drafts';
import { canClick, initialFlow, nextStep, toLogEvents, transition, type FlowEvent, type FlowState } from '@/lib/guardrails/machine';
import { templateProposals } from '@/lib/guardrails/proposals';
import { DEFAULT_RULES, matchRules } from '@/lib/guardrails/rules';
import type { Actor, CheckpointAnswers, DraftFields, Proposal, Signoff, Step } from '@/lib/guardrails/schema';
import { activation, answers, model, now, page, person, system } from './fixtures';

const rollback = (): Proposal => templateProposals(activation, now).find((p) => p.kind === 'roll-back-change')!;
const steps: Step[] = [
  { id: 's1', kind: 'set-date-range', target: { controlId: 'date-range' }, value: { from: '2026-10-01', to: '2026-10-23' }, label: 'Set date range to Oct 1 – Oct 23' },
  { id: 's2', kind: 'set-filter', target: { controlId: 'segment' }, value: { value: 'New users' }, label: 'Set the segment to “New users”' },
  { id: 's3', kind: 'manual', text: 'Roll back the flag', label: 'Roll back by hand' },
];
const pmSignoff = (actor: Actor = person, role = 'PM'): Signoff => ({ draftId: 1, rule: 'Customer-facing change', name: 'Bo', role, note: 'ok', at: now, actor });

function run(events: FlowEvent[], state = initialFlow(rollback()), ctx = { aiPaused: false }) {
  const refused: string[] = [];
  for (const e of events) {
    const t = transition(state, e, ctx);
    if (t.refused) refused.push(t.refused);
    state = t.state;
  }
  return { state, refused };
}
const toReady: FlowEvent[] = [
  { type: 'approve', actor: person },
  { type: 'checkpoint', actor: person, answers: answers() },
  { type: 'draft', actor: system, steps, rules: DEFAULT_RULES },
  { type: 'signoff', actor: person, signoff: pmSignoff() },
];

describe('approval flow', () => {
  it('a decline needs a reason, and records it', () => {
    const { state, refused } = run([{ type: 'decline', actor: person, reason: '  ' }]);
    expect(state.phase).toBe('proposed');
    expect(refused[0]).toMatch(/reason/);
    const done = run([{ type: 'decline', actor: person, reason: 'the cohort is too small' }]).state;
    expect(done.phase).toBe('declined');
    expect(done.proposal).toMatchObject({ status: 'declined', declineReason: 'the cohort is too small' });
  });

  it('modify edits the fields and approves', () => {
    const { state } = run([{ type: 'modify', actor: person, edit: { title: 'Roll back onboarding v2 for web only', risk: 'low' } }]);
    expect(state.phase).toBe('approved');
    expect(state.proposal).toMatchObject({ status: 'modified', title: 'Roll back onboarding v2 for web only', risk: 'low' });
    expect(run([{ type: 'modify', actor: person, edit: { status: 'approved' } as never }]).state.phase).toBe('proposed');
  });

  it('"review only" ends the flow with nothing drafted', () => {
    const { state, refused } = run([
      { type: 'approve', actor: person }, { type: 'checkpoint', actor: person, answers: answers('review') },
      { type: 'draft', actor: system, steps, rules: DEFAULT_RULES },
    ]);
    expect(state.phase).toBe('review-only');
    expect(state.steps).toEqual([]);
    expect(refused).toHaveLength(1);
  });

  it('the checkpoint cannot skip confirming the window and the cohort', () => {
    const skip = { ...answers(), cohortConfirmed: false } as unknown as CheckpointAnswers;
    const { state, refused } = run([{ type: 'approve', actor: person }, { type: 'checkpoint', actor: person, answers: skip }]);
    expect(state.phase).toBe('approved');
    expect(refused[0]).toMatch(/cohortConfirmed/);
  });

  it('a matching rule blocks the draft, says which and why, until the sign-off', () => {
    const blocked = run(toReady.slice(0, 3)).state;
    expect(blocked.phase).toBe('blocked');
    expect(blocked.blocking.map((b) => b.rule.name)).toEqual(['Customer-facing change']);
    expect(blocked.blocking[0].why).toMatch(/PM sign-off.*customerFacing is true/);
    expect(run([{ type: 'signoff', actor: person, signoff: pmSignoff(person, 'Engineer') }], blocked).refused[0]).toMatch(/needs a sign-off in the role “PM”, not “Engineer”/);
    expect(run(toReady).state.phase).toBe('ready');
  });

  it('runs steps one at a time, each after its preview and its own click; a failure stops the draft', () => {
    let { state } = run(toReady);
    expect(nextStep(state)?.id).toBe('s1');
    expect(canClick(state, 's1', { aiPaused: false })).toBe(false); // not previewed yet
    ({ state } = run([{ type: 'step-preview', actor: person, stepId: 's1' }], state));
    expect(canClick(state, 's1', { aiPaused: false })).toBe(true);
    expect(canClick(state, 's1', { aiPaused: true })).toBe(false);
    expect(run([{ type: 'step-click', actor: person, stepId: 's1' }], state, { aiPaused: true }).refused[0]).toMatch(/paused/);
    const r = run([
      { type: 'step-click', actor: person, stepId: 's1' },
      { type: 'step-preview', actor: person, stepId: 's2' }, // s1 is not verified yet
      { type: 'step-result', actor: system, stepId: 's1', ok: true },
      { type: 'step-preview', actor: person, stepId: 's2' },
      { type: 'step-click', actor: person, stepId: 's2' },
      { type: 'step-result', actor: system, stepId: 's2', ok: false, message: 'filter not found' },
      { type: 'step-click', actor: person, stepId: 's3' },
    ], state);
    expect(r.refused).toHaveLength(2);
    expect(r.state.phase).toBe('stopped');
    expect(r.state.stepStates).toEqual({ s1: 'verified', s2: 'failed', s3: 'pending' });
  });

  it('the kill switch reverts applied steps newest first and reports failures, continuing', () => {
    let { state } = run([...toReady,
      { type: 'step-preview', actor: person, stepId: 's1' }, { type: 'step-click', actor: person, stepId: 's1' }, { type: 'step-result', actor: system, stepId: 's1', ok: true },
      { type: 'step-preview', actor: person, stepId: 's2' }, { type: 'step-click', actor: person, stepId: 's2' }, { type: 'step-result', actor: system, stepId: 's2', ok: true },
      { type: 'step-click', actor: person, stepId: 's3' },
    ]);
    expect(state.phase).toBe('done');
    const k = transition(state, { type: 'kill', actor: person });
    expect(k.state.revertQueue).toEqual(['s2', 's1']);
    expect(k.log[0].summary).toMatch(/undo by hand: Roll back by hand/);
    ({ state } = run([
      { type: 'revert-result', actor: system, stepId: 's1', ok: true }, // out of order: refused
      { type: 'revert-result', actor: system, stepId: 's2', ok: false, message: 'control gone' },
      { type: 'revert-result', actor: system, stepId: 's1', ok: true },
    ], k.state));
    expect(state.phase).toBe('reverted');
    expect(state.stepStates).toEqual({ s1: 'reverted', s2: 'revert-failed', s3: 'done' });
  });

  it('turns transitions into log events with time, board and evidence ids', () => {
    const t = transition(initialFlow(rollback()), { type: 'approve', actor: person });
    expect(toLogEvents(t, now, { proposalId: 7 })).toEqual([expect.objectContaining({ kind: 'approved', at: now, dashboard: activation.dashboard, evidenceIds: ['E4', 'E5'], proposalId: 7, actor: person })]);
    const r = transition(initialFlow(rollback()), { type: 'approve', actor: model });
    expect(r.refused).toMatch(/a model cannot approve/);
    expect(r.log[0].kind).toBe('refused');
  });
});

// ---- Exhaustive: no path to an applied step without approve → act checkpoint → sign-offs → its click ----

const actors = [person, model, page, system];
const each = (make: (a: Actor) => FlowEvent) => actors.map(make);
const ALPHABET: FlowEvent[] = [
  ...each((a) => ({ type: 'approve', actor: a })),
  ...each((a) => ({ type: 'modify', actor: a, edit: { title: 'Roll back for web only' } })),
  { type: 'modify', actor: person, edit: { draftFields: { customerFacing: false, metric: 'Activation rate' } } },
  ...each((a) => ({ type: 'decline', actor: a, reason: 'no' })),
  { type: 'decline', actor: person, reason: '' },
  ...each((a) => ({ type: 'checkpoint', actor: a, answers: answers() })),
  { type: 'checkpoint', actor: person, answers: answers('act', model) },
  { type: 'checkpoint', actor: person, answers: answers('review') },
  { type: 'checkpoint', actor: person, answers: { ...answers(), windowConfirmed: false } as unknown as CheckpointAnswers },
  ...each((a) => ({ type: 'draft', actor: a, steps, rules: DEFAULT_RULES })),
  { type: 'draft', actor: model, steps, rules: [] },
  { type: 'rules-changed', actor: person, rules: DEFAULT_RULES },
  ...[model, page].map((a): FlowEvent => ({ type: 'rules-changed', actor: a, rules: [] })),
  ...each((a) => ({ type: 'signoff', actor: a, signoff: pmSignoff() })),
  { type: 'signoff', actor: person, signoff: pmSignoff(model) },
  { type: 'signoff', actor: person, signoff: pmSignoff(page) },
  { type: 'signoff', actor: person, signoff: pmSignoff(person, 'Designer') },
  ...steps.flatMap((s) => [
    ...each((a): FlowEvent => ({ type: 'step-preview', actor: a, stepId: s.id })),
    ...each((a): FlowEvent => ({ type: 'step-click', actor: a, stepId: s.id })),
    ...each((a): FlowEvent => ({ type: 'step-result', actor: a, stepId: s.id, ok: true })),
    { type: 'step-result', actor: system, stepId: s.id, ok: false } as FlowEvent,
    ...each((a): FlowEvent => ({ type: 'revert-result', actor: a, stepId: s.id, ok: true })),
  ]),
  ...each((a) => ({ type: 'kill', actor: a })),
];

/** An independent witness of what happened, read from accepted events only. */
interface Witness { approved: boolean; acted: boolean; fields: DraftFields; signed: string[]; validClicks: string[]; bad: string[] }

function witness(w: Witness, e: FlowEvent, before: FlowState): Witness {
  const next: Witness = { ...w, signed: [...w.signed], validClicks: [...w.validClicks], bad: [...w.bad] };
  if (e.actor.kind === 'model' || e.actor.kind === 'page') next.bad.push(`${e.actor.kind} ${e.type} accepted`);
  if ((e.type === 'approve' || e.type === 'modify') && e.actor.kind === 'person') {
    next.approved = true;
    if (e.type === 'modify' && e.edit.draftFields) next.fields = e.edit.draftFields;
  }
  if (e.type === 'checkpoint' && e.actor.kind === 'person' && e.answers.actor.kind === 'person' && e.answers.mode === 'act' && w.approved) next.acted = true;
  if (e.type === 'signoff' && e.actor.kind === 'person' && e.signoff.actor.kind === 'person') {
    const rule = DEFAULT_RULES.find((r) => r.name === e.signoff.rule);
    if (rule && rule.require.role === e.signoff.role && !next.signed.includes(rule.name)) next.signed.push(rule.name);
  }
  if (e.type === 'step-click') {
    const required = matchRules({ draftFields: w.fields }, DEFAULT_RULES).matches.map((m) => m.rule.name);
    const idx = before.steps.findIndex((s) => s.id === e.stepId);
    const earlierDone = before.steps.slice(0, idx).every((s) => ['verified', 'done'].includes(before.stepStates[s.id]));
    if (e.actor.kind === 'person' && w.approved && w.acted && required.every((r) => w.signed.includes(r)) && earlierDone) next.validClicks.push(e.stepId);
    else next.bad.push(`click on ${e.stepId} without its prerequisites`);
  }
  return next;
}

function explore(aiPaused: boolean) {
  const start: [FlowState, Witness] = [initialFlow(rollback()), { approved: false, acted: false, fields: rollback().draftFields, signed: [], validClicks: [], bad: [] }];
  const seen = new Set<string>();
  const queue = [start];
  const phases = new Set<string>();
  const touched = new Set<string>();
  const violations: string[] = [];
  while (queue.length) {
    const [state, w] = queue.shift()!;
    const key = JSON.stringify([state, w]);
    if (seen.has(key)) continue;
    seen.add(key);
    phases.add(state.phase);
    violations.push(...w.bad);
    for (const [id, st] of Object.entries(state.stepStates)) {
      if (st === 'pending' || st === 'previewed') continue;
      touched.add(`${id}:${st}`);
      if (!w.validClicks.includes(id)) violations.push(`${id} is ${st} without a valid click`);
    }
    if (violations.length || seen.size > 100_000) break;
    for (const e of ALPHABET) {
      const t = transition(state, e, { aiPaused });
      if (t.refused) { expect(t.state).toBe(state); continue; }
      queue.push([t.state, witness(w, e, state)]);
    }
  }
  return { states: seen.size, phases, touched, violations };
}

describe('exhaustive: no bypass', () => {
  it('every reachable state from any order of events by any actor keeps the guarantee', () => {
    const r = explore(false);
    expect(r.violations).toEqual([]);
    expect(r.states).toBeLessThan(100_000); // explored to closure, not cut off
    // The exploration really reaches the interesting states (not vacuous).
    for (const p of ['declined', 'review-only', 'blocked', 'ready', 'running', 'stopped', 'done', 'reverting', 'reverted']) expect(r.phases).toContain(p);
    for (const s of ['s1:applied', 's1:verified', 's1:failed', 's1:reverted', 's2:verified', 's3:done']) expect(r.touched).toContain(s);
    expect(r.states).toBeGreaterThan(50);
  });

  it('with AI paused, no step is ever applied', () => {
    const r = explore(true);
    expect(r.violations).toEqual([]);
    expect([...r.touched]).toEqual([]);
    expect(r.phases).toContain('ready');
  });
});
