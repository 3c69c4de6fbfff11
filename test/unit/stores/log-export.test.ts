import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addChat } from '@/lib/db/chats';
import type { Export } from '@/lib/export';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore, type PanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, settle } from './fake-panel-api';
import { board, fakePage } from './drafts-fixture';

// The Log tab's export, built by the store from what Dexie holds after a person decided: the
// decisions a reviewer needs are in it, and the Log tab's date range applies to them.

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`log-export-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const byKind = (store: PanelStore, kind: string) => store.getState().draftOrder.find((id) => store.getState().drafts[id].flow.proposal.kind === kind)!;
const REASON = 'The cohort is too small to split';

async function decided() {
  const snapshot = board();
  const fake = fakePanelApi({ 1: { ok: true, snapshot } as ReadOutcome });
  const store = createPanelStore({ ...fake.api, ...fakePage() }, { database: () => database });
  await store.getState().start({ tabId: 1 });
  await settle();
  await store.getState().triageFinding(store.getState().analysis!.findings[0], 'real', 'onboarding v2 shipped that day');
  await store.getState().loadDrafts();
  const s = () => store.getState();
  await s().declineProposal(byKind(store, 'investigate-segment'), REASON);
  const id = byKind(store, 'roll-back-change');
  await s().approveProposal(id);
  await s().confirmCheckpoint(id, { mode: 'act', window: { from: '2026-10-10', to: '2026-10-23', label: 'Oct 10 – Oct 23' }, cohort: 'All users', windowConfirmed: true, cohortConfirmed: true });
  expect(await s().signOff(id, { rule: 'Customer-facing change', name: 'Priya', role: 'PM', note: 'one week only' })).toBe(true);
  await s().previewDraftStep(id, 's1');
  await s().applyDraftStep(id, 's1');
  await s().undoAll();
  expect(s().drafts[id].flow.phase).toBe('reverted');
  const e1 = s().analysis!.evidence[0];
  await addChat(database, {
    dashboard: s().board!, question: 'What changed?', answer: `It fell [${e1.id}].`, status: 'done', provider: 'Offline',
    evidence: [{ id: e1.id, chartId: e1.chartId, claim: e1.claim, points: [] }], createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
  });
  return { store, e1 };
}

describe('the Log tab export', () => {
  it('holds the proposals with their decisions, the rule and sign-off, the steps, and the answers', async () => {
    const { store, e1 } = await decided();
    const exp = JSON.parse((await store.getState().buildReport('json')).text) as Export;
    const declined = exp.proposals.find((p) => p.status === 'declined')!;
    expect(declined).toMatchObject({ kind: 'investigate-segment', declineReason: REASON, decidedBy: 'you' });
    expect(exp.proposals.find((p) => p.kind === 'roll-back-change')).toMatchObject({ status: 'approved', decidedBy: 'you' });
    expect(exp.rules).toEqual([expect.objectContaining({ name: 'Customer-facing change', requires: { role: 'PM', signoffs: 1 } })]);
    expect(exp.signoffs).toEqual([expect.objectContaining({ name: 'Priya', role: 'PM', note: 'one week only' })]);
    expect(exp.steps.map((x) => [x.stepId, x.state, x.before])).toEqual(expect.arrayContaining([
      ['s1', 'applied', 'Date range was 2026-08-01 – 2026-10-23'],
      ['s1', 'verified', 'Date range was 2026-08-01 – 2026-10-23'],
      ['s1', 'reverted', 'Date range was 2026-08-01 – 2026-10-23'],
    ]));
    expect(exp.explanations.map((x) => x.question)).toEqual(['Explain this dashboard', 'What changed?']);
    expect(exp.explanations[1].citations).toEqual([{ ref: e1.id, kind: 'evidence', text: e1.claim }]);
    expect(exp.explanations[0].citations.length).toBeGreaterThan(0);
    expect(exp.explanations[0].citations.every((c) => c.text !== null)).toBe(true);

    const md = (await store.getState().buildReport('markdown')).text;
    expect(md).toContain(`Reason: ${REASON}`);
    expect(md).toContain(`· declined · you: Declined: ${REASON}`);
  });

  it('keeps to the Log tab’s date range', async () => {
    const day = () => new Date().toISOString().slice(0, 10);
    const from = day();
    const { store } = await decided();
    const report = async () => JSON.parse((await store.getState().buildReport('json')).text) as Export;
    await store.getState().setLogRange({ from, to: day() });
    const now = await report();
    expect([now.proposals, now.rules, now.signoffs, now.steps, now.log].map((rows) => rows.length > 0)).toEqual([true, true, true, true, true]);
    await store.getState().setLogRange({ from: '2001-01-01', to: '2001-01-02' });
    const then = await report();
    expect([then.proposals, then.rules, then.signoffs, then.steps, then.explanations, then.log]).toEqual([[], [], [], [], [], []]);
  });
});
