import type { NoteRow } from '../db/notes';
import { matchNotes, type NoteQuery } from './match';

// Proposals that go against what a note says. Deliberately conservative: a false alarm on every
// proposal would teach people to ignore the flag, so a proposal is flagged only when
//   (a) the note forbids a kind of action ("never … remove", "do not … lower", "always keep"),
//   (b) the proposal's own words do that kind of action, not negated ("remove", not "do not remove"),
//   (c) both speak about the same thing: a shared name (a word the note capitalises mid-sentence or
//       quotes, e.g. "Acme", "X") or at least two shared content words.
// Forbidding "change" covers every kind of action. Every flag says which words matched, so a person
// can judge it.

export type ActionKind = 'remove' | 'decrease' | 'increase' | 'stop' | 'revert' | 'change';

const ACTIONS: Record<ActionKind, string[]> = {
  remove: ['remove', 'removing', 'removed', 'removal', 'delete', 'deleting', 'deprecate', 'deprecating', 'deprecation',
    'sunset', 'sunsetting', 'retire', 'retiring', 'kill', 'killing', 'discontinue', 'discontinuing', 'drop', 'dropping', 'eliminate', 'eliminating'],
  decrease: ['lower', 'lowering', 'reduce', 'reducing', 'decrease', 'decreasing', 'cut', 'cutting', 'shrink', 'shrinking'],
  increase: ['raise', 'raising', 'increase', 'increasing', 'boost', 'boosting', 'expand', 'expanding'],
  // "roll back" / "rolling back" reach here as one word, "rollback" (see tokens).
  revert: ['revert', 'reverting', 'reverted', 'rollback', 'undo', 'undoing'],
  stop: ['pause', 'pausing', 'stop', 'stopping', 'disable', 'disabling', 'halt', 'halting', 'suspend', 'suspending'],
  change: ['change', 'changing', 'modify', 'modifying', 'alter', 'altering', 'rename', 'renaming', 'redesign', 'redesigning', 'replace', 'replacing'],
};
const ACTION_OF = new Map<string, ActionKind>(
  (Object.entries(ACTIONS) as [ActionKind, string[]][]).flatMap(([k, words]) => words.map((w) => [w, k] as const)),
);
const NEGATIONS = new Set(['never', 'not', "don't", 'dont', "mustn't", "shouldn't", "can't", 'cannot', 'no', 'without', 'avoid', "won't"]);
const KEEP = new Set(['keep', 'keeping', 'preserve', 'protect']);
const STOP = new Set(('a an the and or but of for to in on at by with from as is are was were be been it its this that these those ' +
  'our we us you your they their he she his her them i me my do does did must should would could will can may might ' +
  'propose proposing proposal suggest any all some into than then there here what which who when where why how also only ' +
  'just more most less very so if because about over under up down out off again always ever built made used use').split(' '));

export interface ProposalText {
  title: string;
  summary?: string;
  /** Steps, tradeoffs or anything else the proposal says. */
  details?: readonly string[];
}

export interface Contradiction {
  note: { uid: string; text: string; by?: string };
  action: ActionKind;
  /** The words both share (lowercased), so a person sees why. */
  shared: string[];
  /** One sentence for the panel and the export. */
  why: string;
}

interface Token { word: string; raw: string; sentenceStart: boolean }

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let start = true;
  for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9'’]*|[.!?:;]/g)) {
    const raw = m[0].replace(/’/g, "'");
    if (/^[.!?:;]$/.test(raw)) { start = true; continue; }
    const prev = out.at(-1);
    if (raw.toLowerCase() === 'back' && prev && /^roll(ing|ed|s)?$/.test(prev.word)) { prev.word = 'rollback'; continue; }
    out.push({ word: raw.toLowerCase(), raw, sentenceStart: start });
    start = false;
  }
  return out;
}

function stem(w: string): string {
  const s = w.replace(/'s$/, '');
  return s.length > 3 && s.endsWith('s') && !s.endsWith('ss') ? s.slice(0, -1) : s;
}

/** Action kinds a note forbids: an action word within four words after a negation, or "keep". */
function forbidden(note: Token[]): Set<ActionKind> {
  const out = new Set<ActionKind>();
  note.forEach((t, i) => {
    if (KEEP.has(t.word)) { out.add('remove'); out.add('stop'); }
    const negated = NEGATIONS.has(t.word) || (t.word === 'do' && note[i + 1]?.word === 'not') || t.word.endsWith("n't");
    if (!negated) return;
    for (const next of note.slice(i + 1, i + 5)) {
      const kind = ACTION_OF.get(next.word);
      if (kind) out.add(kind);
    }
  });
  return out;
}

/** Action kinds a proposal performs: action words not preceded by a negation within three words. */
function performed(text: Token[]): Set<ActionKind> {
  const out = new Set<ActionKind>();
  text.forEach((t, i) => {
    const kind = ACTION_OF.get(t.word);
    if (!kind) return;
    const before = text.slice(Math.max(0, i - 3), i);
    if (before.some((b) => NEGATIONS.has(b.word) || b.word.endsWith("n't"))) return;
    out.add(kind);
  });
  return out;
}

function content(ts: Token[]): Set<string> {
  return new Set(ts.filter((t) => !STOP.has(t.word) && !ACTION_OF.has(t.word) && !NEGATIONS.has(t.word) && !KEEP.has(t.word)
    && (t.word.length > 2 || /^[A-Z0-9]/.test(t.raw))).map((t) => stem(t.word)));
}

/** Names in a note: words capitalised mid-sentence, words with digits, and quoted phrases' words. */
function names(text: string, ts: Token[]): Set<string> {
  const out = new Set<string>();
  for (const t of ts) {
    if (STOP.has(t.word) || ACTION_OF.has(t.word)) continue;
    if ((!t.sentenceStart && /^[A-Z]/.test(t.raw)) || /\d/.test(t.raw)) out.add(stem(t.word));
  }
  for (const m of text.matchAll(/["“]([^"”]{2,80})["”]/g)) for (const t of tokens(m[1])) if (!STOP.has(t.word)) out.add(stem(t.word));
  return out;
}

/** The notes a proposal goes against, each with its reason; empty when none does. */
export function contradictions(proposal: ProposalText, notes: readonly Pick<NoteRow, 'uid' | 'text' | 'by'>[]): Contradiction[] {
  const text = [proposal.title, proposal.summary ?? '', ...(proposal.details ?? [])].join('. ');
  const pTokens = tokens(text);
  const doing = performed(pTokens);
  if (doing.size === 0) return [];
  const pWords = content(pTokens);
  const out: Contradiction[] = [];
  for (const note of notes) {
    const nTokens = tokens(note.text);
    const banned = forbidden(nTokens);
    const action = banned.has('change') ? [...doing][0] : [...doing].find((k) => banned.has(k));
    if (!action) continue;
    const shared = [...content(nTokens)].filter((w) => pWords.has(w));
    const sharedNames = [...names(note.text, nTokens)].filter((w) => pWords.has(w));
    if (sharedNames.length === 0 && shared.length < 2) continue;
    const words = [...new Set([...sharedNames, ...shared])].sort();
    out.push({
      note: { uid: note.uid, text: note.text, ...(note.by ? { by: note.by } : {}) },
      action,
      shared: words,
      why: `This proposal would ${action} something a note asks to protect (both mention ${words.map((w) => `“${w}”`).join(', ')}): “${note.text}”`,
    });
  }
  return out;
}

/** What a proposal card says it will do (its decision fields are not read: only its own words). */
export interface ProposalWords { title: string; rationale: string }

/** The notes a proposal goes against, among the notes that apply where its finding is (the board, and
 *  the finding's chart and series). Only the title and rationale are read: they say what would be done;
 *  impact and reversibility say what might follow ("stop the experiment"), which no note forbids. */
export function proposalContradictions(proposal: ProposalWords, notes: readonly NoteRow[], where: NoteQuery): Contradiction[] {
  const matching = matchNotes(notes, where).map((m) => m.note);
  return matching.length ? contradictions({ title: proposal.title, summary: proposal.rationale }, matching) : [];
}
