import type { CopilotResult } from '@/lib/copilot/loop';
import { CITATION } from '@/lib/copilot/sentences';
import { verifyText } from '@/lib/copilot/verify';
import type { ChatEvidence, ChatMark, ChatRecord } from '@/lib/db/chats';
import type { Evidence, EvidenceResult, Finding } from '@/lib/evidence/schema';
import type { NoteCitation } from '@/lib/learning/prompt';
import { toldLine } from '@/lib/copilot/providers/offline';

// Pure helpers of the chat slice: what a finished (or stopped, or cut) answer is saved as, and what
// earlier turns the model sees. Kept apart so the slice reads as the order of events it is.

export const PAUSED_MESSAGE =
  'Pause AI is on, so Loupe asked no model. Your question is saved: switch Pause AI off in the header, then press Retry.';
export const STOPPED_MESSAGE = 'Stopped. What arrived so far is kept.';
export const EARLY_END_MESSAGE = 'The answer ended early (the model hit a limit); what arrived is kept.';

const MAX_POINTS = 60;
const MAX_ITEMS = 200;

/** Evidence and findings as the chips need them after a reload: chart, points, claim. */
export function compactEvidence(evidence: Evidence[], findings: Finding[], notes: readonly NoteCitation[] = []): ChatEvidence[] {
  const items: ChatEvidence[] = [
    ...evidence.map((e) => ({
      id: e.id, chartId: e.chartId.slice(0, 200), claim: e.claim.slice(0, 600),
      points: e.points.slice(0, MAX_POINTS).map((p) => (typeof p === 'string' ? p.slice(0, 60) : p)),
      ...(e.series !== undefined ? { series: e.series.slice(0, 300) } : {}),
    })),
    ...findings.map((f) => ({
      id: f.id, chartId: f.chartId.slice(0, 200), claim: f.title.slice(0, 600), series: f.series.slice(0, 300),
      points: [typeof f.at === 'string' ? f.at.slice(0, 60) : f.at],
    })),
    // Notes and feedback the prompt numbered N1…: "You told us: …" when an answer cites them.
    ...notes.map((n) => ({ id: n.ref, chartId: '', claim: n.text.slice(0, 600), points: [] })),
  ];
  return items.slice(0, MAX_ITEMS);
}

/** Ids cited in a text, in order of first appearance. */
export function citedIds(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(CITATION)) {
    for (const id of m[1].split(/\s*[,;]\s*/)) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Earlier answered turns (before `key`, or all), as chat history for a follow-up question. */
export function historyOf(turns: Array<Pick<ChatRecord, 'question' | 'answer'> & { key: string }>, key: string | null, n: number):
  Array<{ role: 'user' | 'assistant'; content: string }> {
  const at = key === null ? turns.length : turns.findIndex((t) => t.key === key);
  return turns.slice(0, at < 0 ? turns.length : at).filter((t) => t.answer.trim()).slice(-n)
    .flatMap((t) => [{ role: 'user' as const, content: t.question }, { role: 'assistant' as const, content: t.answer }]);
}

export interface FinalInput {
  result?: CopilotResult;
  /** What streamed, for when the loop itself failed. */
  text: string;
  crash?: string;
  aborted: boolean;
  analysis: EvidenceResult;
  /** The notes and feedback the prompt carried, as N1…. */
  notes?: readonly NoteCitation[];
  /** What people told Loupe, in words (youToldUs): numbers quoted from it are theirs, not claims. */
  told?: readonly string[];
}

export type FinalState = Pick<ChatRecord, 'answer' | 'status' | 'citations' | 'unsupported' | 'marks' | 'evidence'>
  & { error: string | undefined; retryable: boolean | undefined };

/** The saved form of an answer: its status in words, its citations and the numbers nothing backs. */
export function finalState({ result, text, crash, aborted, analysis, notes = [], told = [] }: FinalInput): FinalState {
  const answer = result?.answer ?? text;
  let status: ChatRecord['status'] = 'done';
  let error: string | undefined;
  let retryable: boolean | undefined;
  if (crash) {
    [status, error, retryable] = [answer.trim() ? 'incomplete' : 'error', crash, true];
  } else if (aborted || result?.error?.kind === 'aborted') {
    [status, error, retryable] = ['stopped', STOPPED_MESSAGE, true];
  } else if (result?.error) {
    [status, error, retryable] = [answer.trim() ? 'incomplete' : 'error', result.error.message, result.error.retryable];
  } else if (result?.incomplete) {
    [status, error, retryable] = ['incomplete', EARLY_END_MESSAGE, true];
  }
  const evidence = result?.evidence ?? analysis.evidence;
  const checked = verifyText(answer, evidence, {
    findings: analysis.findings, noteIds: notes.map((n) => n.ref), peoplesWords: [...notes.map((n) => n.text), ...told.map(toldLine)],
  });
  const marks: ChatMark[] = checked.numbers.filter((n) => n.status !== 'ok').slice(0, 300).map((n) => ({
    start: n.start, end: n.end, text: n.text.slice(0, 100), status: n.status as ChatMark['status'],
  }));
  const all = compactEvidence(evidence, analysis.findings, notes);
  const known = new Set(all.map((e) => e.id));
  const citations = citedIds(answer).filter((id) => known.has(id));
  return {
    answer, status, error, retryable, citations, unsupported: checked.unsupported, marks,
    evidence: all.filter((e) => citations.includes(e.id)),
  };
}
