import type { z } from 'zod';
import type { ChatRecord } from '../db/chats';
import type { UndoRecord } from '../db/guardrails';
import type { NoteRow } from '../db/notes';
import type { TriageRecord } from '../db/schema';
import { matchRules } from '../guardrails/rules';
import { isHandStep, type Draft, type LogEvent, type LogKind, type Proposal, type Rule, type Signoff, type Step } from '../guardrails/schema';
import { proposalContradictions } from '../learning/contradict';
import { findingWhere } from '../learning/match';
import type { ExportExplanationInput, ExportInput, ExportProposal as ProposalRow, ExportRuleMatch as RuleRow, ExportSignoff as SignoffRow, ExportStep as StepRow } from './schema';

// What a reviewer reads about decisions, gathered from the rows Loupe keeps for one board (proposals,
// drafts, rules, sign-offs, undo records, the decision log, Ask answers). Pure: the panel fetches the
// rows from Dexie and calls this; tests call it with plain rows. Times come from the rows, never from
// the clock, so the same rows give the same export.

type Explanation = z.input<typeof ExportExplanationInput>;
type ExportProposal = z.input<typeof ProposalRow>;
type ExportRuleMatch = z.input<typeof RuleRow>;
type ExportSignoff = z.input<typeof SignoffRow>;
type ExportStep = z.input<typeof StepRow>;

export interface DecisionRows {
  /** The board (dashboardKey) every row belongs to. */
  board: string;
  proposals: readonly Proposal[];
  drafts: readonly Draft[];
  /** The rules in force now: what a matched rule required, when the log names it. */
  rules: readonly Rule[];
  signoffs: readonly Signoff[];
  undo: readonly UndoRecord[];
  /** The board's whole decision log, in time order. */
  log: readonly LogEvent[];
  notes: readonly NoteRow[];
  /** The board's triage, for the chart and series a proposal's finding is on (its notes). */
  triage: readonly TriageRecord[];
  /** The board's Ask turns; only answers with text are kept. */
  chats: readonly ChatRecord[];
  /** Explanations written in the panel (the offline explainer), already in export form. */
  explanations?: readonly Explanation[];
  /** Extra [N…] texts for every answer. Each Ask turn keeps the notes it cited itself (its N items,
   *  "Maya (PM) told us: …"), which come first: numbering is per question. */
  noteRefs?: ReadonlyArray<{ ref: string; text: string }>;
}

export type DecisionParts = Required<Pick<ExportInput, 'proposals' | 'rules' | 'signoffs' | 'steps' | 'explanations'>>;

const DECISIONS: readonly LogKind[] = ['approved', 'modified', 'declined', 'review-only'];
const STEP_EVENTS: Partial<Record<LogKind, ExportStep['state']>> = {
  'step-applied': 'applied', 'step-verified': 'verified', 'step-done': 'done', 'step-failed': 'failed',
  'step-reverted': 'reverted', 'revert-failed': 'revert-failed',
};
const ANSWERED: readonly ChatRecord['status'][] = ['done', 'incomplete', 'stopped'];

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const who = (a: LogEvent['actor']) => cut(`${a.name}${a.role ? ` (${a.role})` : ''}`, 120);

/** The control's state before a step, as a sentence (the action module records it as a string:
 *  "2026-08-01/2026-10-23", an option's text, "on"/"off", or a JSON list of annotations). */
export function beforeInWords(step: Step, before: unknown): string | undefined {
  if (typeof before !== 'string' || !('target' in step)) return undefined;
  const quoted = before === '' ? 'empty' : `“${cut(before, 200)}”`;
  switch (step.kind) {
    case 'set-date-range': {
      const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(before);
      return m ? `Date range was ${m[1]} – ${m[2]}` : `Date range was ${quoted}`;
    }
    case 'set-filter': return `${step.value.field ?? step.target.controlId ?? 'The filter'} was ${quoted}`;
    case 'set-breakdown': return `Breakdown was ${quoted}`;
    case 'toggle-control': return `${step.target.controlId ?? 'The control'} was ${before === 'on' || before === 'off' ? before : quoted}`;
    case 'add-annotation': {
      let items: unknown;
      try { items = JSON.parse(before); } catch { items = null; }
      if (!Array.isArray(items)) return `Annotations were ${quoted}`;
      return cut(items.length ? `Annotations were: ${items.map(String).join('; ')}` : 'There were no annotations', 500);
    }
  }
}

function proposals(r: DecisionRows): ExportProposal[] {
  return r.proposals.map((p) => {
    const decided = r.log.filter((e) => e.proposalId === p.id && DECISIONS.includes(e.kind)).at(-1);
    const t = r.triage.find((x) => x.key === p.findingKey);
    const against = proposalContradictions(p, [...r.notes], findingWhere(r.board, t));
    return {
      ...(p.id !== undefined ? { id: p.id } : {}),
      dashboard: r.board, findingKey: p.findingKey, title: p.title, kind: p.kind, status: p.status,
      ...(p.declineReason ? { declineReason: p.declineReason } : {}),
      rationale: p.rationale, impact: p.impact, risk: p.risk, reversibility: p.reversibility, affected: p.affected,
      createdAt: p.createdAt,
      ...(p.status !== 'proposed' && decided ? { decidedBy: who(decided.actor) } : {}),
      contradictions: against.map((c) => cut(c.why, 3000)),
    };
  });
}

/** Rules matched per draft: as logged when the draft was made (the rule's current message and
 *  requirement when it still exists, else the logged sentence); a draft with no such line is matched
 *  against the rules in force now. */
function rules(r: DecisionRows): ExportRuleMatch[] {
  return r.drafts.flatMap((d): ExportRuleMatch[] => {
    const logged = r.log.filter((e) => e.draftId === d.id && e.kind === 'rule-matched' && typeof e.detail?.rule === 'string');
    if (logged.length) {
      return logged.map((e) => {
        const name = String(e.detail!.rule);
        const rule = r.rules.find((x) => x.name.toLowerCase() === name.toLowerCase());
        const said = e.summary.replace(/^Rule “[^”]*”:\s*/, '');
        return {
          dashboard: r.board, ...(d.id !== undefined ? { draftId: d.id } : {}), name: cut(name, 120), message: cut(rule?.message ?? said, 500),
          requires: rule ? rule.require : { role: cut(String(e.detail!.role ?? 'unknown'), 80), signoffs: 1 }, at: e.at,
        };
      });
    }
    return matchRules({ draftFields: d.draftFields, steps: d.steps }, r.rules).matches.map((m) => ({
      dashboard: r.board, ...(d.id !== undefined ? { draftId: d.id } : {}), name: m.rule.name, message: m.rule.message, requires: m.rule.require, at: d.createdAt,
    }));
  });
}

/** Every step event of the log, with the page's state before it; hand steps still to do are listed as manual. */
function steps(r: DecisionRows): ExportStep[] {
  const out: ExportStep[] = [];
  for (const e of r.log) {
    const state = STEP_EVENTS[e.kind];
    if (!state || e.draftId === undefined || !e.stepId) continue;
    const step = r.drafts.find((d) => d.id === e.draftId)?.steps.find((s) => s.id === e.stepId);
    // The undo record written just before the step ran (a step run twice has two: the latest one before this event).
    const undo = r.undo.filter((u) => u.draftId === e.draftId && u.stepId === e.stepId && u.createdAt <= e.at).at(-1);
    const before = step && state !== 'done' && undo ? beforeInWords(step, undo.before) : undefined;
    out.push({
      dashboard: r.board, draftId: e.draftId, stepId: e.stepId, label: cut(step?.label ?? e.summary, 200), kind: step?.kind ?? 'unknown',
      state, at: e.at, ...(before ? { before } : {}),
    });
  }
  for (const d of r.drafts) {
    if (d.id === undefined || d.state === 'reverted') continue;
    for (const s of d.steps) {
      if (isHandStep(s) && d.stepStates[s.id] === 'pending') out.push({ dashboard: r.board, draftId: d.id, stepId: s.id, label: s.label, kind: s.kind, state: 'manual', at: d.createdAt });
    }
  }
  return out;
}

function signoffs(r: DecisionRows): ExportSignoff[] {
  const drafts = new Set(r.drafts.map((d) => d.id));
  return r.signoffs.filter((s) => drafts.has(s.draftId)).map((s) => ({ ...s, dashboard: r.board }));
}

/** Ask answers with the claims they cited as they were then, after the panel's own explanations. */
function explanations(r: DecisionRows): Explanation[] {
  const asked = r.chats.filter((c) => ANSWERED.includes(c.status) && c.answer.trim()).map((c): Explanation => ({
    dashboard: r.board, at: c.createdAt, question: cut(c.question, 2000), text: c.answer.slice(0, 20_000),
    provider: cut(`${c.provider}${c.status === 'done' ? '' : ` (${c.status})`}`, 120),
    evidenceRefs: c.evidence.filter((e) => !e.id.startsWith('N')).map((e) => ({ ref: e.id, text: e.claim })),
    noteRefs: [...c.evidence.filter((e) => e.id.startsWith('N')).map((e) => ({ ref: e.id, text: e.claim })), ...(r.noteRefs ?? [])],
  }));
  return [...(r.explanations ?? []), ...asked];
}

/** The decision sections of an export (proposals, rules matched, sign-offs, steps, explanations). */
export function gatherDecisions(rows: DecisionRows): DecisionParts {
  return { proposals: proposals(rows), rules: rules(rows), signoffs: signoffs(rows), steps: steps(rows), explanations: explanations(rows) };
}
