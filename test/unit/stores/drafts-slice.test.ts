import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { appliedSteps } from '@/lib/db/guardrails';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore, type PanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, settle } from './fake-panel-api';
import { board, fakePage } from './drafts-fixture';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`drafts-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

async function setup() {
  const snapshot = board();
  const fake = fakePanelApi({ 1: { ok: true, snapshot } as ReadOutcome });
  const page = fakePage();
  const store = createPanelStore({ ...fake.api, ...page }, { database: () => database });
  await store.getState().start({ tabId: 1 });
  await settle();
  const f1 = store.getState().analysis!.findings[0];
  await store.getState().triageFinding(f1, 'real', '');
  await store.getState().loadDrafts();
  return { store, page, fake };
}

const byKind = (store: PanelStore, kind: string) => store.getState().draftOrder.find((id) => store.getState().drafts[id].flow.proposal.kind === kind)!;
const confirm = (store: PanelStore, id: number, mode: 'act' | 'review' = 'act') => store.getState().confirmCheckpoint(id, {
  mode, window: { from: '2026-10-10', to: '2026-10-23', label: 'Oct 10 – Oct 23' }, cohort: 'All users', windowConfirmed: true, cohortConfirmed: true,
});

describe('drafts slice', () => {
  it('makes template proposals once for a finding marked real, and seeds the default rules once', async () => {
    const { store } = await setup();
    expect(store.getState().draftOrder.length).toBeGreaterThanOrEqual(2);
    expect(store.getState().drafts[byKind(store, 'roll-back-change')].flow.proposal.title).toBe('Roll back the onboarding change');
    await store.getState().loadDrafts();
    await store.getState().loadDrafts();
    expect(await database.proposals.count()).toBe(store.getState().draftOrder.length);
    expect(await database.rules.count()).toBe(2);
  });

  it('declines only with a reason, and the reason is logged and survives a reload', async () => {
    const { store } = await setup();
    const id = byKind(store, 'annotate');
    await store.getState().declineProposal(id, '   ');
    expect(store.getState().drafts[id].flow.phase).toBe('proposed');
    expect(store.getState().draftErrors[id]).toMatch(/reason/);
    await store.getState().declineProposal(id, 'Nobody reads the annotations');
    expect(store.getState().drafts[id].flow.phase).toBe('declined');
    const log = await database.log.where('kind').equals('declined').toArray();
    expect(log[0]).toMatchObject({ summary: 'Declined: Nobody reads the annotations', actor: { kind: 'person' }, proposalId: id });
    await store.getState().loadDrafts();
    expect(store.getState().drafts[id].flow.phase).toBe('declined');
  });

  it('rollback: checkpoint, blocked by the PM rule until signed, steps one at a time, then the kill switch restores', async () => {
    const { store, page } = await setup();
    const id = byKind(store, 'roll-back-change');
    await store.getState().approveProposal(id);
    await store.getState().confirmCheckpoint(id, { mode: 'act', window: { from: '2026-10-10', to: '2026-10-23', label: 'x' }, cohort: 'All users', windowConfirmed: false, cohortConfirmed: true });
    expect(store.getState().drafts[id].flow.phase).toBe('approved');
    await confirm(store, id);
    let flow = store.getState().drafts[id].flow;
    expect(flow.phase).toBe('blocked');
    expect(flow.blocking.map((b) => b.rule.name)).toEqual(['Customer-facing change']);
    expect(flow.steps.map((s) => s.kind)).toEqual(['set-date-range', 'toggle-control', 'message']);
    // A step cannot run while blocked.
    await store.getState().previewDraftStep(id, 's1');
    expect(page.previewStep).not.toHaveBeenCalled();
    expect(await store.getState().signOff(id, { rule: 'Customer-facing change', name: 'Ana', role: 'engineer', note: '' })).toBe(false);
    expect(await store.getState().signOff(id, { rule: 'Customer-facing change', name: 'Priya', role: 'PM', note: 'ok' })).toBe(true);
    expect(store.getState().drafts[id].flow.phase).toBe('ready');
    expect(await database.signoffs.count()).toBe(1);

    await store.getState().applyDraftStep(id, 's1'); // no preview yet: refused
    expect(page.applyStep).not.toHaveBeenCalled();
    for (const s of ['s1', 's2']) {
      await store.getState().previewDraftStep(id, s);
      await store.getState().applyDraftStep(id, s);
    }
    expect(page.values).toEqual({ range: '2026-10-10/2026-10-23', flag: 'off' });
    flow = store.getState().drafts[id].flow;
    expect(flow.stepStates).toEqual({ s1: 'verified', s2: 'verified', s3: 'pending' });
    expect(await database.undo.count()).toBe(2);
    await store.getState().markStepDone(id, 's3');
    expect(store.getState().drafts[id].flow.phase).toBe('done');

    await store.getState().undoAll();
    expect(store.getState().killReport).toMatchObject({ ok: true });
    expect(page.revertStep.mock.calls.map((c) => c[1].id)).toEqual(['s2', 's1']);
    expect(page.values).toEqual({ range: '2026-08-01/2026-10-23', flag: 'on' });
    expect(store.getState().drafts[id].flow.phase).toBe('reverted');
    expect(await appliedSteps(database)).toEqual([]);
  });

  it('a failed step stops the draft; review only drafts nothing', async () => {
    const { store, page } = await setup();
    const id = byKind(store, 'compare-cohorts');
    await store.getState().approveProposal(id);
    await confirm(store, id);
    expect(store.getState().drafts[id].flow.phase).toBe('ready');
    page.applyStep.mockResolvedValueOnce({ ok: false, before: null, after: null, verified: false, message: 'control gone' });
    await store.getState().previewDraftStep(id, 's1');
    await store.getState().applyDraftStep(id, 's1');
    expect(store.getState().drafts[id].flow.phase).toBe('stopped');
    const other = byKind(store, 'investigate-segment');
    await store.getState().approveProposal(other);
    await confirm(store, other, 'review');
    expect(store.getState().drafts[other].flow.phase).toBe('review-only');
    expect(await database.drafts.where('proposalId').equals(other).count()).toBe(0);
  });

  it('the guard metric: a drop past the threshold after a step is flagged and logged once', async () => {
    const { store } = await setup();
    const id = byKind(store, 'compare-cohorts');
    await store.getState().approveProposal(id);
    await confirm(store, id);
    const g = store.getState().drafts[id].flow.guardMetric!;
    expect(g).toMatchObject({ metric: 'Activation rate', thresholdPct: 10 });
    await store.getState().previewDraftStep(id, 's1');
    await store.getState().applyDraftStep(id, 's1');
    const dropped = board();
    dropped.charts[0].series[0].points = dropped.charts[0].series[0].points.map((p) => ({ ...p, y: (p.y ?? 0) * 0.5 }));
    await store.getState().checkGuards(dropped);
    await store.getState().checkGuards(dropped);
    expect(store.getState().guards[id]).toMatchObject({ dropped: true });
    expect(await database.log.where('kind').equals('guard-metric-drop').count()).toBe(1);
  });
});
