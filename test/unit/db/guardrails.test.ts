import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import {
  appliedSteps, changeRules, draftsForDashboard, importRulesFile, loadDraft, loadRules, proposalsForFinding, recordSignoff,
  saveDraft, saveProposals, seedDefaultRules, signoffsForDraft, undoRecordsForDraft, updateProposal, writeUndoRecord,
} from '@/lib/db/guardrails';
import { allLog } from '@/lib/db/log';
import { stepsFor } from '@/lib/guardrails/drafts';
import { planRevert } from '@/lib/guardrails/kill-switch';
import { templateProposals } from '@/lib/guardrails/proposals';
import { DEFAULT_RULES, exportRules } from '@/lib/guardrails/rules';
import type { Draft } from '@/lib/guardrails/schema';
import { activation, answers, model, now, page, person } from '../guardrails/fixtures';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`test-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

async function draft(): Promise<Draft & { id: number }> {
  const [p] = await saveProposals(database, templateProposals(activation, now));
  const steps = stepsFor(p, answers());
  return saveDraft(database, {
    proposalId: p.id!, findingKey: p.findingKey, dashboard: p.dashboard, steps, draftFields: p.draftFields, checkpoint: answers(),
    state: 'ready', stepStates: Object.fromEntries(steps.map((s) => [s.id, 'pending'])), createdAt: now, updatedAt: now,
  });
}

describe('proposals and drafts', () => {
  it('saves proposals and their decisions, validated', async () => {
    const saved = await saveProposals(database, templateProposals(activation, now));
    expect(saved.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    await updateProposal(database, { ...saved[0], id: saved[0].id!, status: 'declined', declineReason: 'already known' });
    expect((await proposalsForFinding(database, activation.key))[0]).toMatchObject({ status: 'declined', declineReason: 'already known' });
    await expect(updateProposal(database, { ...saved[1], id: saved[1].id!, status: 'declined' })).rejects.toThrow(/reason/);
    await expect(saveProposals(database, [{ ...saved[0], risk: 'none' as never }])).rejects.toThrow();
  });

  it('saves and reloads a draft; an invalid draft is not written', async () => {
    const d = await draft();
    expect(await loadDraft(database, d.id)).toMatchObject({ steps: d.steps, state: 'ready' });
    await saveDraft(database, { ...d, state: 'running', stepStates: { ...d.stepStates, s1: 'applied' }, updatedAt: '2026-10-23T11:00:00.000Z' });
    expect((await draftsForDashboard(database, activation.dashboard)).map((x) => x.state)).toEqual(['running']);
    await expect(saveDraft(database, { ...d, id: undefined, steps: [] })).rejects.toThrow();
    expect(await database.drafts.count()).toBe(1);
  });
});

describe('rules in the database', () => {
  it('seeds the defaults once; a person emptying the rules keeps them empty', async () => {
    expect((await seedDefaultRules(database)).map((r) => r.name)).toEqual(DEFAULT_RULES.map((r) => r.name));
    expect(await seedDefaultRules(database)).toHaveLength(2);
    for (const r of DEFAULT_RULES) expect((await changeRules(database, { type: 'remove', name: r.name }, person, now)).ok).toBe(true);
    expect(await seedDefaultRules(database)).toEqual([]);
  });

  it.each([model, page])('refuses a rule change from a %j and logs the refusal', async (actor) => {
    await seedDefaultRules(database);
    const r = await changeRules(database, { type: 'remove', name: DEFAULT_RULES[0].name }, actor, now);
    expect(r.ok).toBe(false);
    expect(await loadRules(database)).toHaveLength(2);
    expect((await allLog(database)).map((e) => [e.kind, e.actor.kind])).toEqual([['refused', actor.kind]]);
    const imported = await importRulesFile(database, exportRules([]), actor, now);
    expect(imported.ok).toBe(false);
    expect(await loadRules(database)).toHaveLength(2);
  });

  it('imports a team file (replacing) and leaves the rules alone on a malformed one', async () => {
    await seedDefaultRules(database);
    const bad = await importRulesFile(database, '{"format":"loupe-rules","version":1,"rules":[{"name":"x"}]}', person, now);
    expect(bad.ok === false && bad.error).toMatch(/Rule 1 “x”/);
    expect(await loadRules(database)).toHaveLength(2);
    const ok = await importRulesFile(database, exportRules([DEFAULT_RULES[1]]), person, now);
    expect(ok.ok).toBe(true);
    expect((await loadRules(database)).map((r) => r.name)).toEqual(['Customer-facing change']);
    expect((await allLog(database)).map((e) => e.kind)).toEqual(['rule-changed']);
  });
});

describe('sign-offs', () => {
  const ctx = { dashboard: activation.dashboard, evidenceIds: ['E4'] };
  it('records a person\'s sign-off with name, role, time and note, and logs it', async () => {
    const r = await recordSignoff(database, { draftId: 1, rule: 'Customer-facing change', name: 'Bo', role: 'PM', note: 'fine for web', at: now, actor: person }, ctx);
    expect(r.ok).toBe(true);
    expect(await signoffsForDraft(database, 1)).toEqual([expect.objectContaining({ name: 'Bo', role: 'PM', note: 'fine for web', at: now })]);
    expect((await allLog(database))[0]).toMatchObject({ kind: 'signoff', draftId: 1, evidenceIds: ['E4'] });
  });

  it.each([model, page])('refuses a sign-off recorded by a %j', async (actor) => {
    const r = await recordSignoff(database, { draftId: 1, rule: 'Customer-facing change', name: 'PM', role: 'PM', note: '', at: now, actor }, ctx);
    expect(r.ok).toBe(false);
    expect(await database.signoffs.count()).toBe(0);
    expect((await allLog(database)).map((e) => e.kind)).toEqual(['refused']);
  });
});

describe('undo records', () => {
  it('are written with strict durability, with their log line, before a step runs; the kill switch plans from them', async () => {
    const d = await draft();
    const log = { at: now, kind: 'undo-recorded' as const, actor: person, dashboard: d.dashboard, draftId: d.id, stepId: 's1', evidenceIds: ['E4'], summary: 'State before s1' };
    const w1 = await writeUndoRecord(database, { draftId: d.id, stepId: 's1', step: d.steps[0], before: { range: 'Last 7 days' }, createdAt: '2026-10-23T10:01:00.000Z' }, log);
    expect(w1.durability).toBe('strict');
    await writeUndoRecord(database, { draftId: d.id, stepId: 's2', step: d.steps[1], before: { filter: null }, createdAt: '2026-10-23T10:02:00.000Z' });
    expect((await undoRecordsForDraft(database, d.id)).map((u) => [u.stepId, u.before])).toEqual([['s1', { range: 'Last 7 days' }], ['s2', { filter: null }]]);
    expect((await allLog(database)).map((e) => e.kind)).toEqual(['undo-recorded']);
    await saveDraft(database, { ...d, state: 'stopped', stepStates: { s1: 'verified', s2: 'failed', s3: 'pending' } });
    expect(planRevert(await appliedSteps(database)).map((s) => s.stepId)).toEqual(['s2', 's1']);
    await expect(writeUndoRecord(database, { draftId: d.id, stepId: 'x', step: d.steps[0], before: null, createdAt: now })).rejects.toThrow();
  });
});
