import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import * as logModule from '@/lib/db/log';
import { allLog, appendLog, appendLogs, isAiPaused, logForDashboard, setAiPaused, type NewLogEvent } from '@/lib/db/log';
import { initialFlow, toLogEvents, transition } from '@/lib/guardrails/machine';
import { templateProposals } from '@/lib/guardrails/proposals';
import { activation, model, now, page, person, system } from '../guardrails/fixtures';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`test-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const ev = (kind: NewLogEvent['kind'], at: string, dashboard = activation.dashboard): NewLogEvent => ({ at, kind, actor: person, dashboard, evidenceIds: ['E4'], summary: kind });

describe('decision log', () => {
  it('keeps every event, in order, and has no way to change or remove one', async () => {
    const kinds = ['finding-surfaced', 'triaged', 'proposal-made', 'approved', 'checkpoint', 'drafted', 'rule-matched', 'signoff', 'step-applied', 'step-verified', 'kill-switch', 'step-reverted'] as const;
    for (const [i, k] of kinds.entries()) await appendLog(database, ev(k, `2026-10-23T10:${String(i).padStart(2, '0')}:00.000Z`));
    await appendLog(database, ev('triaged', '2026-10-23T10:03:00.000Z')); // same time as another: append order breaks the tie
    const all = await allLog(database);
    expect(all.map((e) => e.id)).toEqual(kinds.map((_, i) => i + 1).concat(13));
    expect((await logForDashboard(database, activation.dashboard)).map((e) => e.kind).slice(3, 5)).toEqual(['approved', 'triaged']);
    expect(Object.keys(logModule).filter((k) => /update|delete|remove|clear|put|edit/i.test(k))).toEqual([]);
  });

  it('rejects a malformed event and a caller-chosen id cannot overwrite a row', async () => {
    await expect(appendLog(database, { ...ev('approved', now), kind: 'rewrite-history' as never })).rejects.toThrow();
    const first = await appendLog(database, ev('approved', now));
    const second = await appendLog(database, { ...ev('declined', now), id: first.id } as NewLogEvent);
    expect(second.id).not.toBe(first.id);
    expect((await allLog(database)).map((e) => e.kind)).toEqual(['approved', 'declined']);
  });

  it('filters by board and time window', async () => {
    await appendLogs(database, [ev('approved', '2026-10-20T00:00:00.000Z'), ev('declined', '2026-10-22T00:00:00.000Z'), ev('approved', '2026-10-22T00:00:00.000Z', 'other')]);
    expect((await logForDashboard(database, activation.dashboard, { from: '2026-10-21' })).map((e) => e.kind)).toEqual(['declined']);
    expect((await logForDashboard(database, activation.dashboard, { to: '2026-10-21' })).map((e) => e.kind)).toEqual(['approved']);
  });

  it('stores what the state machine emits, evidence ids included', async () => {
    const flow = initialFlow(templateProposals(activation, now)[0]);
    const t1 = transition(flow, { type: 'approve', actor: model });
    const t2 = transition(t1.state, { type: 'approve', actor: person });
    await appendLogs(database, [...toLogEvents(t1, now), ...toLogEvents(t2, now)]);
    expect((await allLog(database)).map((e) => [e.kind, e.actor.kind, e.evidenceIds])).toEqual([['refused', 'model', ['E4', 'E5']], ['approved', 'person', ['E4', 'E5']]]);
  });

  it('the pause-AI switch is flipped by a person only and its state is the newest flip', async () => {
    expect(await isAiPaused(database)).toBe(false);
    await setAiPaused(database, true, person, now);
    expect(await isAiPaused(database)).toBe(true);
    for (const a of [model, page, system]) expect((await setAiPaused(database, false, a, now)).ok).toBe(false);
    expect(await isAiPaused(database)).toBe(true);
    await setAiPaused(database, false, person, now);
    expect(await isAiPaused(database)).toBe(false);
  });
});
