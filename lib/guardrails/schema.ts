import { z } from 'zod';
import { EvidenceId } from '../evidence/schema';

// Levels 2–3 of design.md as data: proposals, the validation checkpoint, typed drafts, escalation
// rules, sign-offs and the decision log's events. Every boundary (model output, imported rules, rows
// written to Dexie) parses through these, so a shape that is not listed here cannot reach a step.

/** Who caused an event. Only a person decides; a model may propose; page text is data; 'system' is
 *  Loupe's own bookkeeping (drafting from an approved proposal, reporting a step's verification). */
export const ACTOR_KINDS = ['person', 'model', 'page', 'system'] as const;
export const Actor = z.object({
  kind: z.enum(ACTOR_KINDS),
  name: z.string().min(1).max(120),
  role: z.string().max(80).optional(),
});

export const PROPOSAL_KINDS = [
  'investigate-segment', 'compare-cohorts', 'annotate', 'roll-back-change', 'run-experiment', 'adjust-budget', 'notify-owner',
] as const;
export const ProposalKind = z.enum(PROPOSAL_KINDS);
export const Risk = z.enum(['low', 'medium', 'high']);
export const PROPOSAL_STATUSES = ['proposed', 'approved', 'modified', 'declined'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);

/** The fields escalation rules look at. Strict: a rule can only be about what a draft declares. */
export const DraftFields = z.strictObject({
  /** Budget moved, in percent of the budget concerned (negative for a cut). */
  budgetChangePct: z.number().finite().min(-100).max(1000).optional(),
  customerFacing: z.boolean().optional(),
  affectedUsers: z.number().int().nonnegative().optional(),
  metric: z.string().max(200).optional(),
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a person can change when they modify a proposal (status, source and evidence are not theirs to edit). */
export const ProposalEdit = z.strictObject({
  title: text(200).optional(),
  rationale: text(2000).optional(),
  impact: text(500).optional(),
  risk: Risk.optional(),
  reversibility: text(300).optional(),
  affected: text(300).optional(),
  draftFields: DraftFields.optional(),
});

export const Proposal = z.object({
  id: z.number().int().optional(),
  findingKey: z.string().min(1).max(600),
  dashboard: z.string().max(2000),
  kind: ProposalKind,
  title: text(200),
  rationale: text(2000),
  impact: text(500),
  risk: Risk,
  reversibility: text(300),
  affected: text(300),
  evidenceIds: z.array(EvidenceId).min(1).max(50),
  draftFields: DraftFields,
  source: z.enum(['template', 'model']),
  status: ProposalStatus,
  declineReason: text(2000).optional(),
  createdAt: z.string(),
}).refine((p) => p.status !== 'declined' || p.declineReason !== undefined, {
  message: 'a declined proposal carries the reason it was declined', path: ['declineReason'],
});

export const CheckpointWindow = z.object({ from: z.string().min(1).max(40), to: z.string().min(1).max(40), label: text(120) });

/** The validation checkpoint's answers. The two confirmations are literals: they cannot be skipped
 *  by leaving them out, and they are required for "review only" too (the review is of that window). */
export const CheckpointAnswers = z.object({
  mode: z.enum(['act', 'review']),
  window: CheckpointWindow,
  cohort: text(300),
  windowConfirmed: z.literal(true),
  cohortConfirmed: z.literal(true),
  /** What was shown again at the checkpoint, so the log says what the person confirmed against. */
  shown: z.object({ confidence: z.number().min(0).max(1), evidenceIds: z.array(EvidenceId).max(50) }),
  confirmedAt: z.string(),
  actor: Actor,
});

// ---- Steps -------------------------------------------------------------------------------------

/** Where a page step acts: a control id or selector, as data (the action module resolves it). */
export const PageTarget = z.object({
  controlId: z.string().max(200).optional(),
  selector: z.string().max(500).optional(),
}).refine((t) => Boolean(t.controlId || t.selector), { message: 'a page step names a control id or a selector' });

const stepBase = { id: z.string().regex(/^s\d+$/), label: text(200) };
const pageBase = { ...stepBase, target: PageTarget };

export const PAGE_STEP_KINDS = ['set-date-range', 'set-filter', 'set-breakdown', 'add-annotation', 'toggle-control'] as const;
export const Step = z.discriminatedUnion('kind', [
  z.object({ ...pageBase, kind: z.literal('set-date-range'), value: z.object({ from: z.string().max(40), to: z.string().max(40) }) }),
  z.object({ ...pageBase, kind: z.literal('set-filter'), value: z.object({ field: z.string().max(200).optional(), value: text(300) }) }),
  z.object({ ...pageBase, kind: z.literal('set-breakdown'), value: text(200) }),
  z.object({ ...pageBase, kind: z.literal('add-annotation'), value: z.object({ at: z.string().max(40), text: text(500) }) }),
  z.object({ ...pageBase, kind: z.literal('toggle-control'), value: z.boolean() }),
  z.object({ ...stepBase, kind: z.literal('manual'), text: text(2000) }),
  z.object({ ...stepBase, kind: z.literal('message'), channel: z.enum(['ticket', 'slack', 'email']), text: text(4000) }),
]);

export const GuardMetric = z.object({
  metric: text(200),
  thresholdPct: z.number().positive().max(100),
  /** Which way is bad; most product metrics (activation, revenue) are worse when they fall. */
  direction: z.enum(['higher-is-better', 'lower-is-better']).default('higher-is-better'),
  before: z.number().finite().optional(),
});

export const STEP_STATES = ['pending', 'previewed', 'applied', 'verified', 'done', 'failed', 'reverted', 'revert-failed'] as const;
export const StepState = z.enum(STEP_STATES);
export const DRAFT_STATES = ['blocked', 'ready', 'running', 'stopped', 'done', 'reverting', 'reverted'] as const;
export const DraftState = z.enum(DRAFT_STATES);

export const Draft = z.object({
  id: z.number().int().optional(),
  proposalId: z.number().int(),
  findingKey: z.string().min(1).max(600),
  dashboard: z.string().max(2000),
  steps: z.array(Step).min(1).max(20),
  draftFields: DraftFields,
  guardMetric: GuardMetric.optional(),
  checkpoint: CheckpointAnswers,
  state: DraftState,
  stepStates: z.record(z.string(), StepState),
  createdAt: z.string(),
  updatedAt: z.string(),
}).refine((d) => new Set(d.steps.map((s) => s.id)).size === d.steps.length, { message: 'step ids are unique', path: ['steps'] });

// ---- Escalation rules ----------------------------------------------------------------------------

export const CONDITION_OPS = ['>', '>=', '<', '<=', '=', '!=', 'in', 'contains'] as const;
export const Scalar = z.union([z.number().finite(), z.string().max(200), z.boolean()]);
export const Condition = z.strictObject({
  field: z.string().min(1).max(60),
  op: z.enum(CONDITION_OPS),
  value: z.union([Scalar, z.array(Scalar).max(100)]),
});

export const Rule = z.strictObject({
  id: z.number().int().optional(),
  name: text(120),
  /** All conditions must hold for the rule to match. */
  when: z.array(Condition).min(1).max(20),
  require: z.strictObject({ role: text(80), signoffs: z.number().int().min(1).max(10) }),
  message: text(500),
});

export const Signoff = z.object({
  id: z.number().int().optional(),
  draftId: z.number().int(),
  rule: text(120),
  name: text(120),
  role: text(80),
  note: z.string().max(2000).default(''),
  at: z.string(),
  /** Who recorded it; only a person can. */
  actor: Actor,
});

// ---- Decision log --------------------------------------------------------------------------------

export const LOG_KINDS = [
  'finding-surfaced', 'triaged', 'proposal-made', 'proposal-rejected', 'approved', 'modified', 'declined', 'checkpoint',
  'review-only', 'drafted', 'rule-matched', 'signoff', 'ready', 'step-previewed', 'step-applied', 'step-done',
  'step-verified', 'step-failed', 'undo-recorded', 'step-reverted', 'revert-failed', 'kill-switch', 'guard-metric-drop',
  'ai-paused', 'ai-resumed', 'rule-changed', 'refused',
] as const;
export const LogKind = z.enum(LOG_KINDS);

export const LogEvent = z.object({
  id: z.number().int().optional(),
  at: z.string(),
  kind: LogKind,
  actor: Actor,
  dashboard: z.string().max(2000),
  findingKey: z.string().max(600).optional(),
  proposalId: z.number().int().optional(),
  draftId: z.number().int().optional(),
  stepId: z.string().max(20).optional(),
  evidenceIds: z.array(EvidenceId).max(50),
  /** One plain sentence for the reviewer, e.g. "Declined: the cohort is too small". */
  summary: z.string().max(2000),
  detail: z.record(z.string(), z.json()).optional(),
});

export type Actor = z.infer<typeof Actor>;
export type ActorKind = Actor['kind'];
export type ProposalKind = z.infer<typeof ProposalKind>;
export type Risk = z.infer<typeof Risk>;
export type ProposalStatus = z.infer<typeof ProposalStatus>;
export type DraftFields = z.infer<typeof DraftFields>;
export type ProposalEdit = z.infer<typeof ProposalEdit>;
export type Proposal = z.infer<typeof Proposal>;
export type CheckpointWindow = z.infer<typeof CheckpointWindow>;
export type CheckpointAnswers = z.infer<typeof CheckpointAnswers>;
export type PageTarget = z.infer<typeof PageTarget>;
export type Step = z.infer<typeof Step>;
export type PageStep = Extract<Step, { kind: (typeof PAGE_STEP_KINDS)[number] }>;
export type GuardMetric = z.infer<typeof GuardMetric>;
export type StepState = z.infer<typeof StepState>;
export type DraftState = z.infer<typeof DraftState>;
export type Draft = z.infer<typeof Draft>;
export type Scalar = z.infer<typeof Scalar>;
export type Condition = z.infer<typeof Condition>;
export type Rule = z.infer<typeof Rule>;
export type Signoff = z.infer<typeof Signoff>;
export type LogKind = z.infer<typeof LogKind>;
export type LogEvent = z.infer<typeof LogEvent>;

export function isPageStep(step: Step): step is PageStep {
  return (PAGE_STEP_KINDS as readonly string[]).includes(step.kind);
}

/** Steps a person carries out by hand (checklist, message to copy): marked done, never "applied" by Loupe. */
export function isHandStep(step: Step): boolean {
  return !isPageStep(step);
}
