import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LoupeDb, ORPHANED_ANSWER, SCHEMA_V1, saveTriage, triageForDashboard } from '@/lib/db';
import { addChat, chatsForDashboard } from '@/lib/db/chats';
import { addFeedback, feedbackForTarget } from '@/lib/db/feedback';
import {
  loadDraft, loadRules, proposalsForFinding, recordSignoff, saveDraft, saveProposals, seedDefaultRules, signoffsForDraft,
  undoRecordsForDraft, writeUndoRecord,
} from '@/lib/db/guardrails';
import { appendLog, logForDashboard } from '@/lib/db/log';
import { addNote, listNotes } from '@/lib/db/notes';
import { stepsFor } from '@/lib/guardrails/drafts';
import { templateProposals } from '@/lib/guardrails/proposals';
import { activation, answers, board, now, person } from '../guardrails/fixtures';

// A browser that used the first shipped version keeps everything when Loupe updates. The rows are
// made by the modules' own writers (so they are what v1 stored), copied into a database that only
// knows schema v1, and then that database is opened by the current LoupeDb.

const TABLES = Object.keys(SCHEMA_V1) as Array<keyof typeof SCHEMA_V1>;
const names: string[] = [];
afterEach(async () => { for (const n of names.splice(0)) await Dexie.delete(n); });
const fresh = (tag: string) => { const n = `${tag}-${Math.random()}`; names.push(n); return n; };

/** One or more rows in every table, written the way the app writes them. */
async function rowsOfEveryTable(): Promise<Record<string, unknown[]>> {
  const scratch = new LoupeDb(fresh('scratch'));
  await scratch.open();
  await saveTriage(scratch, { key: activation.key, dashboard: board, chartId: 'activation-rate', chartTitle: 'Activation rate', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10', changePct: -15.2, verdict: 'real', reason: 'launch', evidenceIds: ['E4'], actor: 'you', createdAt: now });
  await addChat(scratch, { dashboard: board, question: 'Why did activation fall?', answer: 'It fell 15.2% [E4].', status: 'done', provider: 'Test', createdAt: now, updatedAt: now });
  await addChat(scratch, { dashboard: board, question: 'And signups?', answer: 'Signups rose', status: 'streaming', provider: 'Test', createdAt: '2026-10-23T10:05:00.000Z', updatedAt: now });
  const [p] = await saveProposals(scratch, templateProposals(activation, now));
  const steps = stepsFor(p, answers());
  const d = await saveDraft(scratch, {
    proposalId: p.id!, findingKey: p.findingKey, dashboard: p.dashboard, steps, draftFields: p.draftFields, checkpoint: answers(),
    state: 'ready', stepStates: Object.fromEntries(steps.map((s) => [s.id, 'pending'])), createdAt: now, updatedAt: now,
  });
  await writeUndoRecord(scratch, { draftId: d.id, stepId: steps[0].id, step: steps[0], before: '5000', createdAt: now });
  await seedDefaultRules(scratch);
  await recordSignoff(scratch, { draftId: d.id, rule: 'Budget change', name: 'Ana', role: 'PM', note: 'ok', at: now, actor: person }, { dashboard: board, evidenceIds: ['E4'] });
  for (const at of ['2026-10-20T00:00:00.000Z', '2026-10-22T00:00:00.000Z', '2026-10-24T00:00:00.000Z']) {
    await appendLog(scratch, { at, kind: 'triaged', actor: person, dashboard: board, evidenceIds: ['E4'], summary: `at ${at}` });
  }
  await addNote(scratch, { text: 'Activation is measured on day 7', dashboard: '127.0.0.1:4173/*' }, now);
  await addFeedback(scratch, { dashboard: board, targetKey: activation.key, target: 'finding', kind: 'misleading', comment: 'seasonal' }, now);
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await scratch.table(t).toArray();
  scratch.close();
  return out;
}

describe('schema migrations', () => {
  it('v1 → current: every row of every table is kept, and the new indexes answer the app’s queries', async () => {
    const rows = await rowsOfEveryTable();
    for (const t of TABLES) expect(rows[t].length, t).toBeGreaterThan(0);

    const name = fresh('upgrade');
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    for (const t of TABLES) await v1.table(t).bulkAdd(rows[t]);
    v1.close();

    const current = new LoupeDb(name);
    await current.open();
    expect(current.verno).toBe(2);
    for (const t of TABLES) {
      const after = await current.table(t).toArray();
      if (t === 'chats') continue;
      expect(after, t).toEqual(rows[t]);
    }

    // Read back through the modules' own queries, which validate every row.
    expect((await triageForDashboard(current, board)).get(activation.key)?.verdict).toBe('real');
    const proposals = await proposalsForFinding(current, activation.key);
    expect(proposals.length).toBeGreaterThan(0);
    const draft = await loadDraft(current, 1);
    expect(draft?.proposalId).toBe(proposals[0].id);
    expect((await undoRecordsForDraft(current, 1)).map((u) => u.before)).toEqual(['5000']);
    expect((await loadRules(current)).length).toBe((rows.rules as unknown[]).length);
    expect((await signoffsForDraft(current, 1)).map((s) => s.name)).toEqual(['Ana']);
    expect((await listNotes(current)).map((n) => n.text)).toEqual(['Activation is measured on day 7']);
    expect(await feedbackForTarget(current, activation.key)).toHaveLength(1);
    // The v2 [dashboard+at] index: a time range of one board, in order.
    const ranged = await logForDashboard(current, board, { from: '2026-10-21T00:00:00.000Z', to: '2026-10-23T00:00:00.000Z' });
    expect(ranged.map((e) => e.summary)).toEqual(['at 2026-10-22T00:00:00.000Z']);
    expect((await logForDashboard(current, board)).filter((e) => e.kind === 'triaged').map((e) => e.at)).toEqual(['2026-10-20T00:00:00.000Z', '2026-10-22T00:00:00.000Z', '2026-10-24T00:00:00.000Z']);

    // The turn v1 left streaming is closed as incomplete, its partial answer kept; the finished one is untouched.
    const chats = await current.chats.toArray();
    expect(chats).toHaveLength(2);
    expect(chats[0]).toEqual(rows.chats[0]);
    expect(chats[1]).toMatchObject({ question: 'And signups?', answer: 'Signups rose', status: 'incomplete', retryable: true, error: ORPHANED_ANSWER });
    expect((await chatsForDashboard(current, board)).map((c) => c.status)).toEqual(['done', 'incomplete']);
    current.close();
  });

  it('a database already at the current version opens without change', async () => {
    const name = fresh('same');
    const a = new LoupeDb(name);
    await a.open();
    await addChat(a, { dashboard: board, question: 'q', status: 'done', provider: 'Test', createdAt: now, updatedAt: now });
    a.close();
    const b = new LoupeDb(name);
    await b.open();
    expect(await b.chats.count()).toBe(1);
    b.close();
  });
});
