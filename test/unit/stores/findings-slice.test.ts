import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { dashboardKey } from '@/lib/db/schema';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { triageKey } from '@/lib/stores/findings-slice';
import { createPanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, settle } from './fake-panel-api';
import { activationBoard } from './findings-fixture';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`findings-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const ok = (snapshot: DashboardSnapshot): ReadOutcome => ({ ok: true, snapshot });

/** Waits until the slice has finished loading this board's triage (Dexie is asynchronous; one
 *  timer tick is not enough on a busy machine). */
async function triageSettled(store: { getState(): { triageLoad: string } }, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  await settle();
  while (['idle', 'loading'].includes(store.getState().triageLoad) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}

async function started(outcomes: Record<number, ReadOutcome>, tabId = 1) {
  const fake = fakePanelApi(outcomes);
  const store = createPanelStore(fake.api, { database: () => database });
  await store.getState().start({ tabId });
  await triageSettled(store);
  return { fake, store };
}

describe('findings slice', () => {
  it('computes evidence and ranked findings after a read: the activation drop is F1', async () => {
    const { store } = await started({ 1: ok(activationBoard()) });
    const { analysis, triageLoad } = store.getState();
    expect(triageLoad).toBe('ready');
    const f1 = analysis!.findings[0];
    expect(f1).toMatchObject({ id: 'F1', chartId: 'activation-rate', kind: 'level-shift', at: '2026-10-10' });
    expect(f1.changePct).toBeLessThan(-12);
    expect(f1.changePct).toBeGreaterThan(-18);
    expect(f1.evidenceIds.every((id) => analysis!.evidence.some((e) => e.id === id))).toBe(true);
  });

  it('saves a triage with its context and keeps it across a new panel on the same board', async () => {
    const board = activationBoard();
    const { store } = await started({ 1: ok(board) });
    const f1 = store.getState().analysis!.findings[0];
    expect(await store.getState().triageFinding(f1, 'real', '  matches the onboarding launch ')).toBe(true);
    const key = triageKey(board, f1);
    expect(store.getState().triage[key]).toMatchObject({ verdict: 'real', reason: 'matches the onboarding launch', actor: 'you' });
    const row = (await database.triage.toArray())[0];
    expect(row).toMatchObject({
      dashboard: dashboardKey(board.url), chartId: 'activation-rate', chartTitle: 'Activation rate',
      series: 'Activation rate', kind: 'level-shift', at: '2026-10-10', evidenceIds: f1.evidenceIds,
    });

    // A new panel (the person closed it and opened it again) reads the same board: the verdict is back.
    const again = await started({ 1: ok({ ...board, url: `${board.url}?t=2`, readAt: new Date().toISOString() }) });
    expect(again.store.getState().triage[key]).toMatchObject({ verdict: 'real', reason: 'matches the onboarding launch' });
  });

  it('a changed verdict replaces the earlier one', async () => {
    const { store } = await started({ 1: ok(activationBoard()) });
    const f1 = store.getState().analysis!.findings[0];
    await store.getState().triageFinding(f1, 'investigate', '');
    await store.getState().triageFinding(f1, 'expected', 'launch week');
    expect(Object.values(store.getState().triage)).toHaveLength(1);
    expect(Object.values(store.getState().triage)[0]).toMatchObject({ verdict: 'expected', reason: 'launch week' });
  });

  it('a failed save keeps the error for the card and changes nothing saved', async () => {
    const { store } = await started({ 1: ok(activationBoard()) });
    const f1 = store.getState().analysis!.findings[0];
    database.close();
    expect(await store.getState().triageFinding(f1, 'noise', 'weekend')).toBe(false);
    const key = triageKey(store.getState().snapshot!, f1);
    expect(store.getState().triageSaves[key]).toMatchObject({ status: 'failed', message: expect.stringContaining('could not save') });
    expect(store.getState().triage[key]).toBeUndefined();
  });

  it('a failed triage load is said, and the findings still show', async () => {
    const fake = fakePanelApi({ 1: ok(activationBoard()) });
    const store = createPanelStore(fake.api, { database: () => { throw new Error('IndexedDB is off'); } });
    await store.getState().start({ tabId: 1 });
    await triageSettled(store);
    expect(store.getState().analysis!.findings.length).toBeGreaterThan(0);
    expect(store.getState()).toMatchObject({ triageLoad: 'failed', triageError: expect.stringContaining('IndexedDB is off') });
  });

  it('an evidence chip sends the evidence’s chart and points to the page', async () => {
    const { store, fake } = await started({ 4: ok(activationBoard()) }, 4);
    const f1 = store.getState().analysis!.findings[0];
    const e = store.getState().analysis!.evidence.find((x) => x.id === f1.evidenceIds[0])!;
    await store.getState().showEvidence(e.id);
    expect(fake.api.highlightChart).toHaveBeenCalledWith(4, 'activation-rate', e.points);
    expect(e.points).toContain('2026-10-10');
    expect(store.getState()).toMatchObject({ shownEvidence: e.id, highlight: { chartId: 'activation-rate', status: 'shown' } });
  });

  it('a tab switch drops the findings and triage of the board left behind', async () => {
    const { store, fake } = await started({ 1: ok(activationBoard()) }, 1);
    const f1 = store.getState().analysis!.findings[0];
    await store.getState().triageFinding(f1, 'real', '');
    fake.api.readTab.mockImplementation(async () => ({ ok: true, snapshot: activationBoard({ url: 'http://127.0.0.1:4173/other/', flat: true }) }));
    await store.getState().switchTab(2);
    await triageSettled(store);
    expect(store.getState().triage).toEqual({});
    expect(store.getState().analysis!.findings).toEqual([]);
  });
});
