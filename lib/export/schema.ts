import { z } from 'zod';
import { Evidence, Finding } from '../evidence/schema';
import { Context } from '../snapshot/schema';
import { TriageVerdict } from '../db/schema';
import { NoteRow } from '../db/notes';
import { FeedbackRow } from '../db/feedback';
import { Adjustment, NoteRef, Suppression } from '../learning/schema';
import { LogEvent, ProposalStatus, Risk, Signoff } from '../guardrails/schema';

// The reviewer export: what was seen, what was decided, by whom and why. `ExportInput` is what the
// panel or the CLI gathers (plain data from Dexie and the tab); `Export` is what buildExport returns and
// what the JSON export is, documented in docs/export.md with docs/export-schema.json generated from it.
// Sections are loosely coupled to the guardrails module: the fields a reviewer reads, each row tagged
// with its board so one file can hold several boards and be filtered.

export const EXPORT_FORMAT = 'loupe.export';
export const EXPORT_VERSION = 1;

const Board = z.string().min(1).max(2000).describe('The dashboard URL this row belongs to.');
const Time = z.string().min(1).max(40);

export const ExportDashboard = z.object({
  url: Board, title: z.string().max(500), tool: z.string().max(40).optional(), readAt: Time, context: Context.optional(),
});

/** A mark drawn over a chart image, in percent of its width and height from the top left. */
export const ChartMark = z.object({
  ref: z.string().regex(/^[EF]\d+$/).describe('The evidence or finding id the mark points at.'),
  xPct: z.number().min(0).max(100),
  yPct: z.number().min(0).max(100),
  label: z.string().max(200).optional(),
});

export const ExportChart = z.object({
  dashboard: Board, chartId: z.string().max(120), title: z.string().max(500), capturedAt: Time.optional(),
  /** A PNG, JPEG, WebP or GIF data URL, cropped to the chart. Anything else is left out with a warning. */
  image: z.string().optional(),
  marks: z.array(ChartMark).max(200).default([]),
  /** The marks are drawn into the image itself (Loupe's own captures), so a viewer need not overlay them. */
  marksDrawn: z.boolean().optional()
    .describe('True when the marks are drawn into the image itself; a viewer then need not overlay them again.'),
});

export const ExportEvidence = Evidence.extend({ dashboard: Board, readAt: Time.optional() });

export const ExportTriage = z.object({
  verdict: TriageVerdict, reason: z.string().max(2000), actor: z.string().max(120), createdAt: Time,
});

export const ExportFinding = Finding.extend({
  dashboard: Board,
  readAt: Time,
  triage: ExportTriage.optional(),
  suppressed: Suppression.optional(),
  originalConfidence: z.number().min(0).max(1).optional(),
  adjustments: z.array(Adjustment).default([]),
  notes: z.array(NoteRef).default([]),
});

/** A note or flag an answer could cite as [N1] (from lib/learning/prompt.ts promptNotes refs). */
export const NoteCitationRef = z.object({ ref: z.string().regex(/^N\d+$/), text: z.string().max(2500) });

/** What an answer's [E3] or [F1] stood for when it was given (a saved Ask answer keeps the claims it
 *  cited): ids are per read, so a later read's E3 may be another claim. */
export const EvidenceCitationRef = z.object({ ref: z.string().regex(/^[EF]\d+$/), text: z.string().max(2500) });

export const ExportExplanationInput = z.object({
  dashboard: Board, at: Time, readAt: Time.optional(), question: z.string().max(2000).optional(),
  text: z.string().max(20_000), provider: z.string().max(120).optional(), noteRefs: z.array(NoteCitationRef).default([]),
  evidenceRefs: z.array(EvidenceCitationRef).default([]),
});

export const Citation = z.object({
  ref: z.string(),
  kind: z.enum(['evidence', 'finding', 'note']),
  /** The claim, title or note the id stands for; null when it resolves to nothing (a warning says so). */
  text: z.string().nullable(),
});

export const ExportExplanation = ExportExplanationInput.omit({ noteRefs: true, evidenceRefs: true }).extend({ citations: z.array(Citation) });

export const ExportProposal = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  dashboard: Board, findingKey: z.string().max(600).optional(), title: z.string().max(200), kind: z.string().max(60).optional(),
  status: ProposalStatus, declineReason: z.string().max(2000).optional(), rationale: z.string().max(2000).optional(),
  impact: z.string().max(500).optional(), risk: Risk.optional(), reversibility: z.string().max(300).optional(),
  affected: z.string().max(300).optional(), createdAt: Time, decidedBy: z.string().max(120).optional(),
  /** Notes this proposal goes against (lib/learning/contradict.ts), as sentences. */
  contradictions: z.array(z.string().max(3000)).default([]),
});

export const ExportRuleMatch = z.object({
  dashboard: Board, draftId: z.number().int().optional(), name: z.string().max(120), message: z.string().max(500),
  requires: z.object({ role: z.string().max(80), signoffs: z.number().int() }), at: Time,
});

export const ExportSignoff = Signoff.extend({ dashboard: Board });

export const STEP_OUTCOMES = ['applied', 'verified', 'done', 'failed', 'reverted', 'revert-failed', 'manual'] as const;
export const ExportStep = z.object({
  dashboard: Board, draftId: z.number().int(), stepId: z.string().max(20), label: z.string().max(200),
  kind: z.string().max(40), state: z.enum(STEP_OUTCOMES), at: Time,
  /** The page state before the step, in words ("Date range was Aug 1 – Oct 23"). */
  before: z.string().max(500).optional(),
});

export const ExportInput = z.object({
  generatedAt: Time,
  filter: z.object({ dashboard: z.string().max(2000).optional(), from: Time.optional(), to: Time.optional() }).default({}),
  dashboards: z.array(ExportDashboard).default([]),
  charts: z.array(ExportChart).default([]),
  evidence: z.array(ExportEvidence).default([]),
  findings: z.array(ExportFinding).default([]),
  explanations: z.array(ExportExplanationInput).default([]),
  proposals: z.array(ExportProposal).default([]),
  rules: z.array(ExportRuleMatch).default([]),
  signoffs: z.array(ExportSignoff).default([]),
  steps: z.array(ExportStep).default([]),
  feedback: z.array(FeedbackRow).default([]),
  notes: z.array(NoteRow).default([]),
  log: z.array(LogEvent).default([]),
});

export const Export = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  generatedAt: Time,
  scope: z.object({ dashboard: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
  /** What was left out or could not be resolved, in plain words. */
  warnings: z.array(z.string()),
  dashboards: z.array(ExportDashboard),
  charts: z.array(ExportChart),
  evidence: z.array(ExportEvidence),
  findings: z.array(ExportFinding),
  explanations: z.array(ExportExplanation),
  proposals: z.array(ExportProposal),
  rules: z.array(ExportRuleMatch),
  signoffs: z.array(ExportSignoff),
  steps: z.array(ExportStep),
  feedback: z.array(FeedbackRow),
  notes: z.array(NoteRow),
  log: z.array(LogEvent),
});

export type ExportInput = z.input<typeof ExportInput>;
export type Export = z.infer<typeof Export>;
export type ExportChart = z.infer<typeof ExportChart>;
export type ExportEvidence = z.infer<typeof ExportEvidence>;
export type ExportFinding = z.infer<typeof ExportFinding>;
export type ExportExplanation = z.infer<typeof ExportExplanation>;
export type Citation = z.infer<typeof Citation>;

/** The JSON Schema of the export file (docs/export-schema.json is this, written by its test). */
export function exportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Export, { target: 'draft-2020-12' }) as Record<string, unknown>;
}
