import { z } from 'zod';
import { blockingRules, matchRules, type Blocking } from './rules';
import {
  CheckpointAnswers, ProposalEdit, Signoff, Step,
  isPageStep, type Actor, type GuardMetric, type LogEvent, type LogKind, type Proposal, type Rule, type StepState,
} from './schema';

// The approval state machine of levels 2–3 as one pure reducer. Every decision is an event with an
// actor; an event the current phase does not allow, or from an actor who may not cause it, is refused
// and the state is unchanged. The only way a step becomes "applied" is that step's own click by a
// person, after approval, an "act" checkpoint and every required sign-off (the exhaustive test in
// test/unit/guardrails/machine.test.ts explores all event orders to prove it).

export type Phase =
  | 'proposed' | 'declined' | 'approved' | 'review-only' | 'checked'
  | 'blocked' | 'ready' | 'running' | 'stopped' | 'done' | 'reverting' | 'reverted';

export interface FlowState {
  phase: Phase;
  proposal: Proposal;
  checkpoint?: CheckpointAnswers;
  steps: Step[];
  stepStates: Record<string, StepState>;
  guardMetric?: GuardMetric;
  /** The rules in force, as the person's rule set last loaded (never from a model or the page). */
  rules: Rule[];
  signoffs: Signoff[];
  blocking: Blocking[];
  /** Page steps still to revert, in the order they must be reverted (newest first). */
  revertQueue: string[];
}

export type FlowEvent =
  | { type: 'approve'; actor: Actor }
  | { type: 'modify'; actor: Actor; edit: ProposalEdit }
  | { type: 'decline'; actor: Actor; reason: string }
  | { type: 'checkpoint'; actor: Actor; answers: CheckpointAnswers }
  | { type: 'draft'; actor: Actor; steps: Step[]; rules: Rule[]; guardMetric?: GuardMetric }
  | { type: 'rules-changed'; actor: Actor; rules: Rule[] }
  | { type: 'signoff'; actor: Actor; signoff: Signoff }
  | { type: 'step-preview'; actor: Actor; stepId: string }
  | { type: 'step-click'; actor: Actor; stepId: string }
  | { type: 'step-result'; actor: Actor; stepId: string; ok: boolean; message?: string }
  | { type: 'kill'; actor: Actor }
  | { type: 'revert-result'; actor: Actor; stepId: string; ok: boolean; message?: string };

export interface FlowContext {
  /** The "pause AI" switch: no step runs anywhere while it is on. */
  aiPaused: boolean;
}

/** What the caller appends to the decision log (time and board are added by toLogEvents). */
export interface LogEntry { kind: LogKind; actor: Actor; summary: string; stepId?: string; detail?: Record<string, z.core.util.JSONType> }

export interface Transition { state: FlowState; refused?: string; log: LogEntry[] }

export function initialFlow(proposal: Proposal): FlowState {
  return { phase: 'proposed', proposal, steps: [], stepStates: {}, rules: [], signoffs: [], blocking: [], revertQueue: [] };
}

/** Who may cause each event. 'system' is Loupe itself: drafting from the approved proposal, loading
 *  the person's rules, and reporting what it observed after a step or a revert. */
const ALLOWED: Record<FlowEvent['type'], readonly Actor['kind'][]> = {
  approve: ['person'], modify: ['person'], decline: ['person'], checkpoint: ['person'],
  draft: ['person', 'system'], 'rules-changed': ['person', 'system'], signoff: ['person'],
  'step-preview': ['person'], 'step-click': ['person'], 'step-result': ['system'],
  kill: ['person'], 'revert-result': ['system'],
};

const FINISHED: readonly StepState[] = ['verified', 'done'];

/** The step that may run next: the first one not finished, if every earlier one finished and none is
 *  waiting for its check. Steps run one at a time, in order. */
export function nextStep(state: FlowState): Step | undefined {
  if (state.phase !== 'ready' && state.phase !== 'running') return undefined;
  for (const s of state.steps) {
    const st = state.stepStates[s.id];
    if (FINISHED.includes(st)) continue;
    return st === 'pending' || st === 'previewed' ? s : undefined;
  }
  return undefined;
}

/** Whether a step's button is live (the UI enables it on this, the reducer enforces it again). */
export function canClick(state: FlowState, stepId: string, ctx: FlowContext): boolean {
  if (ctx.aiPaused) return false;
  const s = nextStep(state);
  return s?.id === stepId && (!isPageStep(s) || state.stepStates[stepId] === 'previewed');
}

function refuse(state: FlowState, event: FlowEvent, why: string): Transition {
  return {
    state, refused: why,
    log: [{ kind: 'refused', actor: event.actor, summary: `Refused ${event.type}: ${why}`, detail: { event: event.type } }],
  };
}

function withBlocking(state: FlowState): FlowState {
  const blocking = blockingRules({ draftFields: state.proposal.draftFields, steps: state.steps }, state.rules, state.signoffs);
  return { ...state, blocking, phase: blocking.length ? 'blocked' : 'ready' };
}

function allFinished(state: FlowState): boolean {
  return state.steps.every((s) => FINISHED.includes(state.stepStates[s.id]));
}

export function transition(state: FlowState, event: FlowEvent, ctx: FlowContext = { aiPaused: false }): Transition {
  if (!ALLOWED[event.type].includes(event.actor.kind)) {
    return refuse(state, event, `a ${event.actor.kind} cannot ${event.type}; only a ${ALLOWED[event.type].join(' or ')} can`);
  }
  const p = state.phase;
  const a = event.actor;
  switch (event.type) {
    case 'approve':
      if (p !== 'proposed') return refuse(state, event, `the proposal is ${p}`);
      return { state: { ...state, phase: 'approved', proposal: { ...state.proposal, status: 'approved' } }, log: [{ kind: 'approved', actor: a, summary: `Approved: ${state.proposal.title}` }] };
    case 'modify': {
      if (p !== 'proposed' && p !== 'approved') return refuse(state, event, `the proposal is ${p}`);
      const edit = ProposalEdit.safeParse(event.edit);
      if (!edit.success) return refuse(state, event, `invalid edit: ${edit.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const proposal: Proposal = { ...state.proposal, ...edit.data, status: 'modified' };
      return { state: { ...state, phase: 'approved', proposal }, log: [{ kind: 'modified', actor: a, summary: `Modified and approved: ${proposal.title}`, detail: { edit: edit.data } }] };
    }
    case 'decline': {
      if (p !== 'proposed' && p !== 'approved') return refuse(state, event, `the proposal is ${p}`);
      const reason = event.reason.trim();
      if (!reason) return refuse(state, event, 'a decline needs a reason');
      return { state: { ...state, phase: 'declined', proposal: { ...state.proposal, status: 'declined', declineReason: reason } }, log: [{ kind: 'declined', actor: a, summary: `Declined: ${reason}` }] };
    }
    case 'checkpoint': {
      if (p !== 'approved') return refuse(state, event, `the checkpoint follows approval; the proposal is ${p}`);
      const ans = CheckpointAnswers.safeParse(event.answers);
      if (!ans.success) return refuse(state, event, `the checkpoint is incomplete: ${ans.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      if (ans.data.actor.kind !== 'person') return refuse(state, event, 'checkpoint answers come from a person');
      const review = ans.data.mode === 'review';
      return {
        state: { ...state, phase: review ? 'review-only' : 'checked', checkpoint: ans.data },
        log: [{ kind: review ? 'review-only' : 'checkpoint', actor: a, summary: `${review ? 'Review only' : 'Act'}: window ${ans.data.window.label}, cohort ${ans.data.cohort}`, detail: { window: ans.data.window, cohort: ans.data.cohort, confidence: ans.data.shown.confidence } }],
      };
    }
    case 'draft': {
      if (p !== 'checked') return refuse(state, event, `a draft follows an "act" checkpoint; the proposal is ${p}`);
      const steps = z.array(Step).min(1).max(20).safeParse(event.steps);
      if (!steps.success) return refuse(state, event, 'the steps are not valid steps');
      if (new Set(steps.data.map((s) => s.id)).size !== steps.data.length) return refuse(state, event, 'step ids repeat');
      const next = withBlocking({
        ...state, steps: steps.data, rules: event.rules, guardMetric: event.guardMetric,
        stepStates: Object.fromEntries(steps.data.map((s) => [s.id, 'pending' as StepState])),
      });
      const matched = matchRules({ draftFields: next.proposal.draftFields, steps: next.steps }, next.rules).matches;
      return {
        state: next,
        log: [
          { kind: 'drafted', actor: a, summary: `Drafted ${steps.data.length} step(s)` },
          ...matched.map((m): LogEntry => ({ kind: 'rule-matched', actor: a, summary: `Rule “${m.rule.name}”: ${m.why}`, detail: { rule: m.rule.name, role: m.rule.require.role } })),
        ],
      };
    }
    case 'rules-changed': {
      if (p !== 'blocked' && p !== 'ready') return refuse(state, event, `rules are rechecked before a draft runs; it is ${p}`);
      const next = withBlocking({ ...state, rules: event.rules });
      return { state: next, log: next.phase === 'blocked' && p === 'ready' ? [{ kind: 'rule-matched', actor: a, summary: `Blocked again: ${next.blocking.map((b) => b.rule.name).join(', ')}` }] : [] };
    }
    case 'signoff': {
      if (p !== 'blocked' && p !== 'ready') return refuse(state, event, `sign-offs are recorded before a draft runs; it is ${p}`);
      const so = Signoff.safeParse(event.signoff);
      if (!so.success) return refuse(state, event, 'a sign-off needs a name, role, time and rule');
      if (so.data.actor.kind !== 'person') return refuse(state, event, 'a sign-off is recorded by a person');
      const rule = matchRules({ draftFields: state.proposal.draftFields, steps: state.steps }, state.rules).matches.find((m) => m.rule.name === so.data.rule);
      if (!rule) return refuse(state, event, `no rule “${so.data.rule}” applies to this draft`);
      if (rule.rule.require.role.trim().toLowerCase() !== so.data.role.trim().toLowerCase()) {
        return refuse(state, event, `rule “${rule.rule.name}” needs a sign-off in the role “${rule.rule.require.role}”, not “${so.data.role}”`);
      }
      // A rule already satisfied needs no more sign-offs; refusing them keeps one record per decision.
      if (!state.blocking.some((b) => b.rule.name === rule.rule.name)) return refuse(state, event, `rule “${rule.rule.name}” has its sign-offs already`);
      const next = withBlocking({ ...state, signoffs: [...state.signoffs, so.data] });
      const log: LogEntry[] = [{ kind: 'signoff', actor: a, summary: `${so.data.name} (${so.data.role}) signed off “${so.data.rule}”${so.data.note ? `: ${so.data.note}` : ''}` }];
      if (next.phase === 'ready' && p === 'blocked') log.push({ kind: 'ready', actor: a, summary: 'Every required sign-off is recorded' });
      return { state: next, log };
    }
    case 'step-preview': {
      const s = nextStep(state);
      if (!s || s.id !== event.stepId) return refuse(state, event, `step ${event.stepId} is not the next step`);
      if (!isPageStep(s)) return refuse(state, event, 'only page steps are previewed');
      return { state: { ...state, stepStates: { ...state.stepStates, [s.id]: 'previewed' } }, log: [{ kind: 'step-previewed', actor: a, stepId: s.id, summary: `Previewed: ${s.label}` }] };
    }
    case 'step-click': {
      if (ctx.aiPaused) return refuse(state, event, 'AI is paused: no step runs');
      if (!canClick(state, event.stepId, ctx)) return refuse(state, event, `step ${event.stepId} cannot run now (${p}; it runs after its preview, in order)`);
      const s = state.steps.find((x) => x.id === event.stepId)!;
      const page = isPageStep(s);
      const next: FlowState = { ...state, phase: 'running', stepStates: { ...state.stepStates, [s.id]: page ? 'applied' : 'done' } };
      if (!page && allFinished(next)) next.phase = 'done';
      return { state: next, log: [{ kind: page ? 'step-applied' : 'step-done', actor: a, stepId: s.id, summary: `${page ? 'Applied' : 'Done by hand'}: ${s.label}` }] };
    }
    case 'step-result': {
      if (state.stepStates[event.stepId] !== 'applied') return refuse(state, event, `step ${event.stepId} is not waiting for its check`);
      const s = state.steps.find((x) => x.id === event.stepId)!;
      if (!event.ok) {
        return { state: { ...state, phase: 'stopped', stepStates: { ...state.stepStates, [s.id]: 'failed' } }, log: [{ kind: 'step-failed', actor: a, stepId: s.id, summary: `Failed or unverifiable, draft stopped: ${s.label}${event.message ? ` (${event.message})` : ''}` }] };
      }
      const next: FlowState = { ...state, stepStates: { ...state.stepStates, [s.id]: 'verified' } };
      if (allFinished(next)) next.phase = 'done';
      return { state: next, log: [{ kind: 'step-verified', actor: a, stepId: s.id, summary: `Verified: ${s.label}` }] };
    }
    case 'kill': {
      if (!['ready', 'running', 'stopped', 'done'].includes(p)) return refuse(state, event, `nothing to revert while the draft is ${p}`);
      // Page steps that touched the page, newest first; a failed step may have half-applied.
      const queue = state.steps.filter((s) => isPageStep(s) && ['applied', 'verified', 'failed'].includes(state.stepStates[s.id])).map((s) => s.id).reverse();
      const byHand = state.steps.filter((s) => state.stepStates[s.id] === 'done').map((s) => s.label);
      return {
        state: { ...state, phase: queue.length ? 'reverting' : 'reverted', revertQueue: queue },
        log: [{ kind: 'kill-switch', actor: a, summary: `Kill switch: reverting ${queue.length} step(s)${byHand.length ? `; undo by hand: ${byHand.join('; ')}` : ''}`, detail: { order: queue, byHand } }],
      };
    }
    case 'revert-result': {
      if (p !== 'reverting' || state.revertQueue[0] !== event.stepId) return refuse(state, event, `step ${event.stepId} is not the next to revert`);
      const rest = state.revertQueue.slice(1);
      const s = state.steps.find((x) => x.id === event.stepId)!;
      return {
        state: { ...state, revertQueue: rest, phase: rest.length ? 'reverting' : 'reverted', stepStates: { ...state.stepStates, [s.id]: event.ok ? 'reverted' : 'revert-failed' } },
        log: [{ kind: event.ok ? 'step-reverted' : 'revert-failed', actor: a, stepId: s.id, summary: `${event.ok ? 'Reverted' : 'Could not revert'}: ${s.label}${event.message ? ` (${event.message})` : ''}` }],
      };
    }
  }
}

/** The log rows of a transition, with the time, board and the evidence the proposal rests on. */
export function toLogEvents(t: Transition, at: string, ids: { proposalId?: number; draftId?: number } = {}): LogEvent[] {
  const { proposal } = t.state;
  return t.log.map((e) => ({
    at, kind: e.kind, actor: e.actor, dashboard: proposal.dashboard, findingKey: proposal.findingKey,
    evidenceIds: proposal.evidenceIds, summary: e.summary, ...ids,
    ...(e.stepId ? { stepId: e.stepId } : {}), ...(e.detail ? { detail: e.detail } : {}),
  }));
}
