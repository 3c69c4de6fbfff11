import type { Feedback as PromptFeedback, Note as PromptNote } from '../copilot/prompt';
import type { Finding } from '../evidence/schema';
import { FEEDBACK_LABELS, type FeedbackRow } from '../db/feedback';
import { dashboardKey, findingKey, type TriageRecord } from '../db/schema';
import type { NoteMatch } from './match';
import { shortDate } from './period';

// The copilot's context from people: buildRequest (lib/copilot/prompt.ts) numbers `notes` first and
// then `feedback`, as N1, N2, … in that order. `refs` records the same numbering, so an answer that
// cites [N2] can be traced back to the note or flag it used ("you told us …") and the verifier can be
// told which N ids exist. The newest feedback is kept when there is too much: old flags matter less.

export const MAX_PROMPT_NOTES = 20;
export const MAX_PROMPT_FEEDBACK = 20;

export interface NoteCitation {
  /** "N1", "N2", … as the prompt numbers them. */
  ref: string;
  source: 'note' | 'feedback' | 'triage';
  /** A note's uid, a feedback row's id, or a triage's finding key. */
  id: string | number;
  /** The sentence to show when an answer cites it ("you told us …"). */
  text: string;
}

export interface PromptLearning {
  notes: PromptNote[];
  feedback: PromptFeedback[];
  refs: NoteCitation[];
}

export interface PromptNotesOptions {
  /** This read's findings and board, so feedback on one of them is tied to its current id (F3). */
  findings?: readonly Finding[];
  dashboard?: string;
  /** Triage with a reason counts as feedback ("rejected: expected — seasonal campaign"). */
  triage?: readonly TriageRecord[];
  now?: string;
}

/** The `notes` and `feedback` inputs of buildRequest, plus how each [N…] maps back to its source. */
export function promptNotes(matches: readonly NoteMatch[], feedback: readonly FeedbackRow[], opts: PromptNotesOptions = {}): PromptLearning {
  const idByKey = new Map<string, string>();
  if (opts.dashboard) for (const f of opts.findings ?? []) idByKey.set(findingKey(opts.dashboard, f), f.id);
  const board = opts.dashboard ? dashboardKey(opts.dashboard) : undefined;

  const notes = matches.slice(0, MAX_PROMPT_NOTES);
  const refs: NoteCitation[] = notes.map(({ note }, i) => ({
    ref: `N${i + 1}`, source: 'note', id: note.uid, text: `${note.by ? `${note.by} told us` : 'You told us'}: “${note.text}”`,
  }));
  const out: PromptNote[] = notes.map(({ note }) => ({ text: note.text, ...(note.by ? { by: note.by } : {}) }));

  type Item = { at: string; fb: PromptFeedback; source: NoteCitation['source']; id: string | number; text: string };
  const items: Item[] = [];
  for (const r of feedback) {
    if (board && dashboardKey(r.dashboard) !== board) continue;
    const findingId = idByKey.get(r.targetKey);
    const what = r.quote ? ` on “${r.quote}”` : r.series ? ` on “${r.series}”` : '';
    const text = [r.comment, r.quote && !r.comment ? `(${r.target}: ${r.quote})` : ''].filter(Boolean).join(' ') || FEEDBACK_LABELS[r.kind];
    items.push({
      at: r.createdAt, source: 'feedback', id: r.id ?? r.targetKey,
      fb: { kind: r.kind === 'declined' ? 'declined proposal' : FEEDBACK_LABELS[r.kind], text, ...(findingId ? { findingId } : {}) },
      text: `You flagged${what} as ${FEEDBACK_LABELS[r.kind]} on ${shortDate(r.createdAt, opts.now)}${r.comment ? `: “${r.comment}”` : ''}`,
    });
  }
  for (const t of opts.triage ?? []) {
    if (!t.reason.trim() || (board && dashboardKey(t.dashboard) !== board)) continue;
    const findingId = idByKey.get(t.key);
    items.push({
      at: t.createdAt, source: 'triage', id: t.key,
      fb: { kind: `triaged ${t.verdict}`, text: `${t.series} at ${t.at}: ${t.reason}`, ...(findingId ? { findingId } : {}) },
      text: `You marked the change in “${t.series}” ${t.verdict} on ${shortDate(t.createdAt, opts.now)}: “${t.reason}”`,
    });
  }
  // Newest first for the cut, then oldest first in the prompt so it reads as a history.
  const kept = items
    .filter((i) => !opts.now || i.at <= opts.now)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, MAX_PROMPT_FEEDBACK)
    .reverse();
  kept.forEach((i, k) => refs.push({ ref: `N${notes.length + k + 1}`, source: i.source, id: i.id, text: i.text }));
  return { notes: out, feedback: kept.map((i) => i.fb), refs };
}

/** The sources an answer cited ([N2] …), each once, in citation order: the answer's "you told us". */
export function citedLearning(answer: string, refs: readonly NoteCitation[]): NoteCitation[] {
  const byRef = new Map(refs.map((r) => [r.ref, r]));
  const seen = new Set<string>();
  const out: NoteCitation[] = [];
  for (const m of answer.matchAll(/\[(N\d+)\]/g)) {
    const r = byRef.get(m[1]);
    if (r && !seen.has(r.ref)) { seen.add(r.ref); out.push(r); }
  }
  return out;
}
