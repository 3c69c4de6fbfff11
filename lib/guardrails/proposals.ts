import { z } from 'zod';
import type { TriageRecord } from '../db/schema';
import { EvidenceId } from '../evidence/schema';
import { DraftFields, Proposal, ProposalKind, Risk } from './schema';

// Level 2: 2–4 next steps for a finding a person marked real. Templates work without a model; a
// model's proposals pass through a strict validator, because its output is untrusted text: it can
// suggest, never approve, and never carry a rule or a sign-off.

/** What a proposal is about: the triage of a finding the person marked real. */
export type ProposalInput = Pick<TriageRecord, 'key' | 'dashboard' | 'chartTitle' | 'series' | 'kind' | 'changePct' | 'evidenceIds' | 'verdict' | 'at'>;

type Family = 'activation' | 'spend' | 'revenue' | 'reliability' | 'other';

/** Which kind of metric a finding is about, from its names (the board's own words). */
export function metricFamily(input: Pick<ProposalInput, 'chartTitle' | 'series'>): Family {
  const name = `${input.chartTitle} ${input.series}`.toLowerCase();
  if (/\b(spend|cost|budget|cpc|cpa|cpm|ad|ads|paid|campaign)\b/.test(name)) return 'spend';
  if (/activation|onboard|sign.?up|conversion|retention|adoption/.test(name)) return 'activation';
  if (/revenue|mrr|arr|sales|orders|gmv/.test(name)) return 'revenue';
  if (/latency|error|uptime|crash|timeout|p9\d/.test(name)) return 'reliability';
  return 'other';
}

type Template = Omit<z.input<typeof Proposal>, 'findingKey' | 'dashboard' | 'evidenceIds' | 'source' | 'status' | 'createdAt'>;

function pct(n: number): string {
  return `${Math.abs(Math.round(n * 10) / 10)}%`;
}

function templatesFor(family: Family, input: ProposalInput): Template[] {
  const metric = input.series || input.chartTitle;
  const dir = input.changePct < 0 ? 'drop' : 'rise';
  const investigate: Template = {
    kind: 'investigate-segment', title: `Investigate which segment drives the ${pct(input.changePct)} ${dir} in ${metric}`,
    rationale: `Break ${metric} down by segment around ${String(input.at)} to see whether one segment explains the change.`,
    impact: 'Finds where the change comes from before anything is changed', risk: 'low', reversibility: 'Read-only: nothing changes',
    affected: 'No one (analysis only)', draftFields: { metric },
  };
  const compare: Template = {
    kind: 'compare-cohorts', title: `Compare the cohorts before and after ${String(input.at)}`,
    rationale: `Compare users who arrived before and after the change on ${metric} to tell a mix shift from a real change.`,
    impact: 'Tells a mix shift from a behaviour change', risk: 'low', reversibility: 'Read-only: nothing changes',
    affected: 'No one (analysis only)', draftFields: { metric },
  };
  const annotate: Template = {
    kind: 'annotate', title: `Annotate the chart at ${String(input.at)}`,
    rationale: 'Record what is known about the change on the chart so the next reader does not rediscover it.',
    impact: 'Context for everyone who reads the chart', risk: 'low', reversibility: 'The annotation can be deleted',
    affected: 'Readers of this dashboard', draftFields: { metric },
  };
  switch (family) {
    case 'activation':
      return [investigate, compare, {
        kind: 'roll-back-change', title: 'Roll back the onboarding change',
        rationale: `${metric} changed ${pct(input.changePct)} from ${String(input.at)}; rolling back the onboarding change released then tests whether it caused it.`,
        impact: `Could restore ${metric} if the change caused it`, risk: 'medium', reversibility: 'Re-release the change (feature flag)',
        affected: 'New users going through onboarding', draftFields: { customerFacing: true, metric },
      }, annotate];
    case 'spend':
      return [investigate, {
        kind: 'adjust-budget', title: 'Reallocate 30% of paid spend to the best-performing channels',
        rationale: `${metric} changed ${pct(input.changePct)}; moving spend from the channels that got worse limits the cost.`,
        impact: 'Lower cost per acquisition if the shift holds', risk: 'medium', reversibility: 'Move the budget back (takes a day to settle)',
        affected: 'Paid acquisition campaigns', draftFields: { budgetChangePct: 30, metric },
      }, annotate];
    case 'revenue':
      return [investigate, compare, {
        kind: 'run-experiment', title: `Run an experiment to confirm what moved ${metric}`,
        rationale: 'A controlled test separates the suspected cause from seasonality and mix.',
        impact: 'A confirmed cause before acting on pricing or checkout', risk: 'medium', reversibility: 'Stop the experiment',
        affected: 'Users in the experiment', draftFields: { customerFacing: true, metric },
      }, annotate];
    case 'reliability':
      return [investigate, {
        kind: 'notify-owner', title: `Tell the owning team about the ${dir} in ${metric}`,
        rationale: 'The owning team can match the change with deploys and incidents.',
        impact: 'Faster diagnosis by the people who can fix it', risk: 'low', reversibility: 'Nothing to revert',
        affected: 'The owning team', draftFields: { metric },
      }, annotate];
    case 'other':
      return [investigate, compare, annotate];
  }
}

/** Template proposals for a finding a person marked real (2–4, by metric kind). */
export function templateProposals(input: ProposalInput, now: string): Proposal[] {
  if (input.verdict !== 'real') return []; // proposals are for findings a person confirmed
  return templatesFor(metricFamily(input), input).map((t) => Proposal.parse({
    ...t, findingKey: input.key, dashboard: input.dashboard, evidenceIds: input.evidenceIds,
    source: 'template', status: 'proposed', createdAt: now,
  }));
}

/** What a model may send for one proposal. Strict: any other key (status, approved, rule, signoff…)
 *  rejects the proposal, so a model can never smuggle a decision in. */
export const ModelProposal = z.strictObject({
  kind: ProposalKind,
  title: z.string().trim().min(1).max(200),
  rationale: z.string().trim().min(1).max(2000),
  impact: z.string().trim().min(1).max(500),
  risk: Risk,
  reversibility: z.string().trim().min(1).max(300),
  affected: z.string().trim().min(1).max(300),
  evidenceIds: z.array(EvidenceId).min(1).max(50),
  draftFields: DraftFields.default({}),
});

/** What a kind of change implies for the escalation rules, whatever a model declares: a model cannot
 *  make a rollback or an experiment "not customer-facing" to slip past the PM's sign-off. */
const KIND_FIELDS: Partial<Record<ProposalKind, DraftFields>> = {
  'roll-back-change': { customerFacing: true },
  'run-experiment': { customerFacing: true },
};

function guardedFields(kind: ProposalKind, declared: DraftFields, input: ProposalInput): DraftFields {
  const implied = KIND_FIELDS[kind] ?? {};
  return {
    ...declared,
    ...(implied.customerFacing || declared.customerFacing ? { customerFacing: true } : {}),
    // The watched metric is the finding's own: a model does not pick what the guard metric watches.
    metric: input.series || input.chartTitle,
  };
}

const DECISION_KEYS = ['status', 'approved', 'approve', 'declineReason', 'rule', 'rules', 'require', 'signoff', 'signoffs', 'state', 'stepStates'];

export interface ModelProposalReport {
  accepted: Proposal[];
  rejected: { index: number; reasons: string[] }[];
}

/** Validates what a model proposed. Each invalid proposal is rejected with its reasons; evidence ids
 *  must be the finding's own (cite or say nothing). At most 4 are kept. */
export function validateModelProposals(raw: unknown, input: ProposalInput, now: string): ModelProposalReport {
  const out: ModelProposalReport = { accepted: [], rejected: [] };
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && 'proposals' in raw && Array.isArray(raw.proposals) ? raw.proposals : null;
  if (!list) return { accepted: [], rejected: [{ index: -1, reasons: ['expected a list of proposals'] }] };
  const known = new Set(input.evidenceIds);
  list.forEach((item: unknown, index: number) => {
    const reasons: string[] = [];
    if (item && typeof item === 'object') {
      for (const k of DECISION_KEYS) if (k in item) reasons.push(`“${k}” is a person's decision or a rule; a model cannot set it`);
    }
    const parsed = ModelProposal.safeParse(item);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        if (i.code === 'unrecognized_keys' && i.keys.every((k) => DECISION_KEYS.includes(k))) continue; // reported above
        reasons.push(`${i.path.join('.') || 'proposal'}: ${i.message}`);
      }
    } else {
      const unknown = parsed.data.evidenceIds.filter((e) => !known.has(e));
      if (unknown.length) reasons.push(`evidence ${unknown.join(', ')} is not this finding's evidence`);
    }
    if (parsed.success && parsed.data.kind === 'adjust-budget' && parsed.data.draftFields.budgetChangePct === undefined) {
      reasons.push('draftFields.budgetChangePct: a budget change says how much it moves, or the budget rule could not see it');
    }
    if (reasons.length || !parsed.success) { out.rejected.push({ index, reasons }); return; }
    if (out.accepted.length >= 4) { out.rejected.push({ index, reasons: ['more than 4 proposals; extra ones dropped'] }); return; }
    out.accepted.push(Proposal.parse({
      ...parsed.data, draftFields: guardedFields(parsed.data.kind, parsed.data.draftFields, input), findingKey: input.key, dashboard: input.dashboard, source: 'model', status: 'proposed', createdAt: now,
    }));
  });
  return out;
}

/** Proposals to show: the model's when it gave at least 2 valid ones, the templates otherwise. */
export function proposalsFor(input: ProposalInput, now: string, modelOutput?: unknown): { proposals: Proposal[]; report?: ModelProposalReport } {
  if (input.verdict !== 'real') return { proposals: [] };
  if (modelOutput === undefined) return { proposals: templateProposals(input, now) };
  const report = validateModelProposals(modelOutput, input, now);
  return { proposals: report.accepted.length >= 2 ? report.accepted : templateProposals(input, now), report };
}
