import type { Finding } from '../evidence/schema';
import { confidenceWord } from '../evidence/format';
import { FEEDBACK_LABELS, type FeedbackRow } from '../db/feedback';
import type { NoteRow } from '../db/notes';
import { dashboardKey, type TriageRecord } from '../db/schema';
import { matchNotes } from './match';
import { periodCovers, sameName, samePeriod, shortDate, PERIOD_TOLERANCE } from './period';
import type { Adjustment, LearnedFinding, LearningChange, Suppression } from './schema';

// The loop that closes: what people said earlier changes what the offline engine surfaces now.
// Rules (docs/export.md, "Learning"):
// 1. Suppression. A finding is hidden when the newest triage of the same board, chart and series
//    whose change is in the same period (samePeriod: `at` within ±3 days, or ±3 on an index axis)
//    says "expected" or "noise". The newest wins, so a later "real" brings it back. The finding stays
//    in the list with `suppressed.reason`, so the panel can say why and let a person show it again.
// 2. Notes. A matching note whose period (given, or a date in its text) covers the change explains
//    it: confidence × NOTE_FACTOR, once however many notes explain it.
// 3. Feedback. A flag "misleading", "wrong number" or "irrelevant" on the same board, chart, series
//    and period: confidence × FEEDBACK_FACTOR, once. "Missing" asks for more, not less, so it is shown
//    to the copilot but lowers nothing.
// Records dated after `now` are ignored, so a replay "as of" a time is deterministic.

export const NOTE_FACTOR = 0.5;
export const FEEDBACK_FACTOR = 0.7;
const LOWERING = new Set(['misleading', 'wrong-number', 'irrelevant']);

export interface LearningContext {
  /** The board's URL (any form; compared through dashboardKey). */
  dashboard: string;
  triage: readonly TriageRecord[];
  feedback: readonly FeedbackRow[];
  notes: readonly NoteRow[];
  /** ISO time of this read. */
  now: string;
  /** Chart titles by id, so notes scoped by chart title match. */
  chartTitles?: Readonly<Record<string, string>>;
  tolerance?: number;
}

export interface LearningResult {
  findings: LearnedFinding[];
  changes: LearningChange[];
}

function said(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t ? `: '${t.length > 200 ? `${t.slice(0, 200)}…` : t}'` : '';
}

function who(actor: string | undefined): string {
  return !actor || actor === 'you' ? 'You' : actor;
}

function suppression(f: Finding, ctx: LearningContext, board: string, tolerance: number): Suppression | undefined {
  let newest: TriageRecord | undefined;
  for (const t of ctx.triage) {
    if (t.createdAt > ctx.now || dashboardKey(t.dashboard) !== board) continue;
    if (t.chartId !== f.chartId || !sameName(t.series, f.series) || !samePeriod(t.at, f.at, tolerance)) continue;
    if (!newest || t.createdAt >= newest.createdAt) newest = t;
  }
  if (!newest || (newest.verdict !== 'expected' && newest.verdict !== 'noise')) return undefined;
  const when = shortDate(newest.createdAt, ctx.now);
  return {
    verdict: newest.verdict,
    reason: `${who(newest.actor)} marked this ${newest.verdict} on ${when}${said(newest.reason)}`,
    triageKey: newest.key,
    triagedAt: newest.createdAt,
  };
}

function noteAdjustments(f: Finding, ctx: LearningContext, tolerance: number): { refs: LearnedFinding['notes']; adj: Adjustment[] } {
  const matches = matchNotes(ctx.notes, { url: ctx.dashboard, chartId: f.chartId, chartTitle: ctx.chartTitles?.[f.chartId], series: f.series });
  const live = matches.filter((m) => m.note.createdAt <= ctx.now);
  const refs = live.map(({ note }) => ({ uid: note.uid, text: note.text, ...(note.by ? { by: note.by } : {}) }));
  const adj = live
    .filter(({ note }) => periodCovers(note.period, note.text, f.at, tolerance))
    .map(({ note }): Adjustment => ({
      by: 'note', id: note.uid, factor: NOTE_FACTOR,
      text: `${note.by ? `${note.by}'s` : 'Your'} note explains this${said(note.text)}`,
    }));
  return { refs, adj };
}

function feedbackAdjustments(f: Finding, ctx: LearningContext, board: string, tolerance: number): Adjustment[] {
  return ctx.feedback
    .filter((r) => r.target === 'finding' && LOWERING.has(r.kind) && r.createdAt <= ctx.now && dashboardKey(r.dashboard) === board
      && r.chartId === f.chartId && sameName(r.series, f.series) && samePeriod(r.at, f.at, tolerance))
    .map((r): Adjustment => ({
      by: 'feedback', id: r.id ?? r.targetKey, factor: FEEDBACK_FACTOR,
      text: `${who(r.actor)} flagged this as ${FEEDBACK_LABELS[r.kind]} on ${shortDate(r.createdAt, ctx.now)}${said(r.comment)}`,
    }));
}

function lowered(confidence: number, adj: Adjustment[]): number {
  // Each kind of source counts once: five notes about one outage are one explanation, not five.
  const kinds = new Set(adj.map((a) => a.by));
  let c = confidence;
  if (kinds.has('note')) c *= NOTE_FACTOR;
  if (kinds.has('feedback')) c *= FEEDBACK_FACTOR;
  return Math.round(c * 100) / 100;
}

/** Findings with what people said applied, and the list of what changed because of it. */
export function applyLearning(findings: readonly Finding[], ctx: LearningContext): LearningResult {
  const board = dashboardKey(ctx.dashboard);
  const tolerance = ctx.tolerance ?? PERIOD_TOLERANCE;
  const changes: LearningChange[] = [];
  const out = findings.map((f): LearnedFinding => {
    const sup = suppression(f, ctx, board, tolerance);
    const { refs, adj: noteAdj } = noteAdjustments(f, ctx, tolerance);
    const adjustments = [...noteAdj, ...feedbackAdjustments(f, ctx, board, tolerance)];
    const confidence = lowered(f.confidence, adjustments);
    if (sup) changes.push({ findingId: f.id, title: f.title, effect: 'suppressed', by: 'triage', id: sup.triageKey, text: sup.reason });
    for (const a of adjustments) {
      changes.push({ findingId: f.id, title: f.title, effect: 'confidence', by: a.by, id: a.id, text: a.text, from: f.confidence, to: confidence });
    }
    return { ...f, confidence, originalConfidence: f.confidence, adjustments, notes: refs, ...(sup ? { suppressed: sup } : {}) };
  });
  return { findings: out, changes };
}

/** The findings a person sees by default (suppressed ones sit behind "show hidden"). */
export function visibleFindings(findings: readonly LearnedFinding[]): LearnedFinding[] {
  return findings.filter((f) => !f.suppressed);
}

/** One "you told us …" sentence per change, for the panel and the offline answer. */
export function youToldUs(changes: readonly LearningChange[]): string[] {
  return changes.map((c) => {
    const lead = c.text.replace(/^You /, 'you ');
    if (c.effect === 'suppressed') return `Hidden “${c.title}”: ${lead}.`;
    // Confidence in words: a number here would need a citation in an answer (design.md, "Cite or say nothing").
    const size = c.from !== undefined && c.to !== undefined ? ` (confidence ${confidenceWord(c.from)} → ${confidenceWord(c.to)})` : '';
    return `Lowered confidence in “${c.title}”${size}: ${lead}.`;
  });
}
