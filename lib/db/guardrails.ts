import { z } from 'zod';
import type { AppliedStep } from '../guardrails/kill-switch';
import { applyRuleChange, DEFAULT_RULES, importRules, type RuleChange, type RuleChangeResult } from '../guardrails/rules';
import { Draft, LogEvent, Proposal, Rule, Signoff, Step, type Actor } from '../guardrails/schema';
import type { LoupeDb } from './index';
import { appendLog } from './log';

// Dexie helpers for levels 2–3: proposals, drafts, rules, sign-offs and undo records. Every row is
// parsed on write. Rules and sign-offs are written for a person only, and every change lands in the
// decision log in the same transaction, so the record and the log cannot disagree.

/** The page state before a step, as the action module captured it (opaque JSON here). */
export const UndoRecord = z.object({
  id: z.number().int().optional(),
  draftId: z.number().int(),
  stepId: z.string().regex(/^s\d+$/),
  step: Step,
  before: z.json(),
  createdAt: z.string(),
});
export type UndoRecord = z.infer<typeof UndoRecord>;

function strip<T extends { id?: number }>(row: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

// ---- Proposals ----------------------------------------------------------------------------------

export async function saveProposals(database: LoupeDb, proposals: readonly Proposal[]): Promise<Proposal[]> {
  const rows = proposals.map((p) => strip(Proposal.parse(p)));
  return database.transaction('rw', database.proposals, async () => {
    const out: Proposal[] = [];
    for (const row of rows) out.push({ ...row, id: (await database.proposals.add(row)) as number });
    return out;
  });
}

/** Stores a proposal's new status or edits (the log, not this row, keeps the history). */
export async function updateProposal(database: LoupeDb, proposal: Proposal & { id: number }): Promise<Proposal> {
  const parsed = Proposal.parse(proposal);
  await database.proposals.put(parsed);
  return parsed;
}

export async function proposalsForFinding(database: LoupeDb, findingKey: string): Promise<Proposal[]> {
  return (await database.proposals.where('findingKey').equals(findingKey).sortBy('createdAt')).map((r) => Proposal.parse(r));
}

/** One step of a proposal's flow, saved whole: the proposal's new status, the draft, and the log
 *  lines that explain them, in one transaction. If any write fails (a full disk above all), none is
 *  kept, so the record and the log never disagree. Resolves with the draft's id and the logged rows. */
export async function saveFlow(
  database: LoupeDb,
  change: { proposal?: Proposal & { id: number }; draft?: Draft; events: (draftId: number | undefined) => ReadonlyArray<Omit<LogEvent, 'id'>> },
): Promise<{ draftId: number | undefined; log: LogEvent[] }> {
  return database.transaction('rw', database.proposals, database.drafts, database.log, async () => {
    if (change.proposal) await updateProposal(database, change.proposal);
    const draftId = change.draft ? (await saveDraft(database, change.draft)).id : undefined;
    const log: LogEvent[] = [];
    for (const e of change.events(draftId)) log.push(await appendLog(database, e));
    return { draftId, log };
  });
}

// ---- Drafts -------------------------------------------------------------------------------------

/** Saves a draft (new or updated), validated by the Draft schema. */
export async function saveDraft(database: LoupeDb, draft: Draft): Promise<Draft & { id: number }> {
  const parsed = Draft.parse(draft);
  const id = parsed.id === undefined ? await database.drafts.add(strip(parsed)) : await database.drafts.put(parsed);
  return { ...parsed, id: id as number };
}

export async function loadDraft(database: LoupeDb, id: number): Promise<Draft | undefined> {
  const row = await database.drafts.get(id);
  return row ? Draft.parse(row) : undefined;
}

export async function draftsForDashboard(database: LoupeDb, dashboard: string): Promise<Draft[]> {
  return (await database.drafts.where('dashboard').equals(dashboard).sortBy('updatedAt')).map((r) => Draft.parse(r));
}

// ---- Rules --------------------------------------------------------------------------------------

export async function loadRules(database: LoupeDb): Promise<Rule[]> {
  return (await database.rules.toArray()).map((r) => Rule.parse(r));
}

/** Puts the default rules in place on first use. Once a person has changed the rules (even to none),
 *  the defaults never come back by themselves. */
export async function seedDefaultRules(database: LoupeDb): Promise<Rule[]> {
  return database.transaction('rw', database.rules, database.log, async () => {
    const changed = await database.log.where('kind').equals('rule-changed').count();
    if (changed === 0 && (await database.rules.count()) === 0) await database.rules.bulkAdd(DEFAULT_RULES.map((r) => Rule.parse(r)));
    return loadRules(database);
  });
}

/** Applies a person's change to the stored rules and logs it; anyone else is refused (and logged). */
export async function changeRules(database: LoupeDb, change: RuleChange, actor: Actor, at: string): Promise<RuleChangeResult> {
  return database.transaction('rw', database.rules, database.log, async () => {
    const result = applyRuleChange(await loadRules(database), change, actor);
    if (!result.ok) {
      await appendLog(database, { at, kind: 'refused', actor, dashboard: '', evidenceIds: [], summary: `Rule change refused: ${result.error}` });
      return result;
    }
    await database.rules.clear();
    await database.rules.bulkAdd(result.rules.map((r) => strip(Rule.parse(r))));
    await appendLog(database, { at, kind: 'rule-changed', actor, dashboard: '', evidenceIds: [], summary: result.summary, detail: { rules: result.rules.map((r) => r.name) } });
    return { ...result, rules: await loadRules(database) };
  });
}

/** Imports a team's rules file, replacing the current rules; a malformed file changes nothing. */
export async function importRulesFile(database: LoupeDb, json: string, actor: Actor, at: string): Promise<RuleChangeResult> {
  const parsed = importRules(json);
  if (!parsed.ok) return { ok: false, error: parsed.errors.join('\n') };
  return changeRules(database, { type: 'replace-all', rules: parsed.rules }, actor, at);
}

// ---- Sign-offs ----------------------------------------------------------------------------------

/** Records a sign-off (name, role, time, note) and logs it; only a person records one. */
export async function recordSignoff(database: LoupeDb, signoff: Signoff, context: Pick<LogEvent, 'dashboard' | 'evidenceIds'> & { findingKey?: string }): Promise<{ ok: true; signoff: Signoff } | { ok: false; error: string }> {
  const parsed = Signoff.safeParse(signoff);
  if (!parsed.success) return { ok: false, error: `A sign-off needs a name, role, time and rule: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  const s = parsed.data;
  if (s.actor.kind !== 'person') {
    await appendLog(database, { at: s.at, kind: 'refused', actor: s.actor, draftId: s.draftId, ...context, summary: `Sign-off refused: a ${s.actor.kind} cannot sign off` });
    return { ok: false, error: `Only a person can record a sign-off; one from a ${s.actor.kind} was refused.` };
  }
  return database.transaction('rw', database.signoffs, database.log, async () => {
    const id = (await database.signoffs.add(strip(s))) as number;
    await appendLog(database, { at: s.at, kind: 'signoff', actor: s.actor, draftId: s.draftId, ...context, summary: `${s.name} (${s.role}) signed off “${s.rule}”${s.note ? `: ${s.note}` : ''}` });
    return { ok: true as const, signoff: { ...s, id } };
  });
}

export async function signoffsForDraft(database: LoupeDb, draftId: number): Promise<Signoff[]> {
  return (await database.signoffs.where('draftId').equals(draftId).sortBy('at')).map((r) => Signoff.parse(r));
}

// ---- Undo records -------------------------------------------------------------------------------

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('undo record not written'));
    tx.onabort = () => reject(tx.error ?? new Error('undo record write aborted'));
  });
}

/** Writes the state before a step, and its log line, in one transaction with strict durability: the
 *  promise resolves only once both are flushed to disk, so the step may run only after it resolves.
 *  Dexie 4 sets durability per database, not per transaction, so this one write goes to IndexedDB
 *  directly; browsers without the option ignore it and still commit before `complete`. */
export async function writeUndoRecord(database: LoupeDb, record: UndoRecord, log?: Omit<LogEvent, 'id'>): Promise<{ id: number; durability: string }> {
  const row = strip(UndoRecord.parse(record));
  const logRow = log ? strip(LogEvent.parse(log)) : undefined;
  if (!database.isOpen()) await database.open();
  const idb = database.backendDB();
  const tx = idb.transaction(logRow ? ['undo', 'log'] : ['undo'], 'readwrite', { durability: 'strict' });
  const finished = done(tx);
  const req = tx.objectStore('undo').add(row);
  if (logRow) tx.objectStore('log').add(logRow);
  await finished;
  return { id: req.result as number, durability: (tx as IDBTransaction & { durability?: string }).durability ?? 'strict' };
}

export async function undoRecordsForDraft(database: LoupeDb, draftId: number): Promise<UndoRecord[]> {
  return (await database.undo.where('draftId').equals(draftId).sortBy('id')).map((r) => UndoRecord.parse(r));
}

/** The page steps the kill switch must revert, across the given drafts (all when omitted): steps whose
 *  state says they touched the page, each with its undo record's time and order. */
export async function appliedSteps(database: LoupeDb, draftIds?: readonly number[]): Promise<AppliedStep[]> {
  const drafts = draftIds ? (await database.drafts.bulkGet([...draftIds])).filter((d) => d !== undefined) : await database.drafts.toArray();
  const out: AppliedStep[] = [];
  for (const raw of drafts) {
    const d = Draft.parse(raw);
    const undo = await undoRecordsForDraft(database, d.id!);
    for (const u of undo) {
      if (!['applied', 'verified', 'failed'].includes(d.stepStates[u.stepId])) continue;
      out.push({ draftId: d.id!, stepId: u.stepId, label: u.step.label, appliedAt: u.createdAt, seq: u.id! });
    }
  }
  return out;
}
