import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { QUOTA_MESSAGE, isQuotaError } from '@/lib/db/errors';
import { saveFlow, saveProposals } from '@/lib/db/guardrails';
import { templateProposals } from '@/lib/guardrails/proposals';
import type { PageStep, StepOutcome, StepPreview } from '@/lib/actions/steps/schema';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore } from '@/lib/stores/panel-store';
import { activation, now, person } from '../guardrails/fixtures';
import { fakePanelApi, settle } from '../stores/fake-panel-api';
import { activationBoard } from '../stores/findings-fixture';

// A full disk must leave nothing half-written and say so plainly; a page step runs only after the
// state before it is on disk. The failure is made where the browser makes it: IndexedDB's own add/put
// on one object store throws a QuotaExceededError DOMException in the middle of the transaction.

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`durable-${Math.random()}`); await database.open(); });
afterEach(async () => { vi.restoreAllMocks(); await database.delete(); });

/** From now on, every add/put to `store` throws as a full disk would. */
function fillDisk(store: string): void {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: Record<'add' | 'put', (...a: unknown[]) => unknown> } }).IDBObjectStore.prototype;
  for (const op of ['add', 'put'] as const) {
    const real = proto[op];
    vi.spyOn(proto, op).mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === store) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.apply(this, args);
    });
  }
}

async function dump() {
  return { proposals: await database.proposals.toArray(), drafts: await database.drafts.toArray(), log: await database.log.toArray(), triage: await database.triage.toArray(), undo: await database.undo.toArray() };
}

describe('quota errors leave nothing half-written', () => {
  it('saveFlow: the log write fails after the proposal and draft writes; none is kept', async () => {
    const [p] = await saveProposals(database, templateProposals(activation, now));
    const before = await dump();
    fillDisk('log');
    const err = await saveFlow(database, {
      proposal: { ...p, id: p.id!, status: 'approved' },
      events: () => [{ at: now, kind: 'approved', actor: person, dashboard: p.dashboard, evidenceIds: p.evidenceIds, summary: 'Approved' }],
    }).catch((e: unknown) => e);
    expect(isQuotaError(err)).toBe(true);
    vi.restoreAllMocks();
    expect(await dump()).toEqual(before);
  });

  async function panel() {
    const snapshot = activationBoard();
    const fake = fakePanelApi({ 1: { ok: true, snapshot } as ReadOutcome });
    const values: Record<string, string> = { range: '2026-08-01/2026-10-23', flag: 'on' };
    const order: string[] = [];
    const page = {
      previewStep: vi.fn(async (_t: number, s: PageStep): Promise<StepPreview> => ({ ok: true, description: s.label, before: values.flag, after: 'off', url: 'http://page/', message: '' })),
      applyStep: vi.fn(async (): Promise<StepOutcome> => {
        // What is on disk at the moment the page step message is sent.
        order.push(`applyStep sent (undo rows on disk: ${await database.undo.count()})`);
        values.flag = 'off';
        return { ok: true, before: 'on', after: 'off', verified: true, message: '' };
      }),
      revertStep: vi.fn(),
    };
    const store = createPanelStore({ ...fake.api, ...page }, { database: () => database });
    await store.getState().start({ tabId: 1 });
    await settle();
    return { store, page, order, values };
  }

  it('triage: a full disk shows the quota sentence in the alert, and no verdict or log line is kept', async () => {
    const { store } = await panel();
    const f = store.getState().analysis!.findings[0];
    const before = await dump();
    fillDisk('log');
    expect(await store.getState().triageFinding(f, 'real', 'launch week')).toBe(false);
    const failed = Object.values(store.getState().triageSaves)[0];
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.status === 'failed' && failed.message).toContain(QUOTA_MESSAGE);
    vi.restoreAllMocks();
    expect(await dump()).toEqual(before);
    expect(Object.keys(store.getState().triage)).toEqual([]);
  });

  it('drafting: a full disk mid-flow keeps the proposal as it was, writes no draft, and says why', async () => {
    const { store } = await panel();
    await store.getState().triageFinding(store.getState().analysis!.findings[0], 'real', '');
    await store.getState().loadDrafts();
    const id = store.getState().draftOrder.find((i) => store.getState().drafts[i].flow.proposal.kind === 'compare-cohorts')!;
    await store.getState().approveProposal(id);
    const before = await dump();
    const phase = store.getState().drafts[id].flow.phase;
    fillDisk('log');
    await store.getState().confirmCheckpoint(id, { mode: 'act', window: { from: '2026-10-10', to: '2026-10-23', label: 'x' }, cohort: 'All users', windowConfirmed: true, cohortConfirmed: true });
    expect(store.getState().draftErrors[id]).toContain(QUOTA_MESSAGE);
    expect(store.getState().drafts[id].flow.phase).toBe(phase);
    vi.restoreAllMocks();
    expect(await dump()).toEqual(before);
  });

  async function readyStep() {
    const ctx = await panel();
    const { store } = ctx;
    await store.getState().triageFinding(store.getState().analysis!.findings[0], 'real', '');
    await store.getState().loadDrafts();
    const id = store.getState().draftOrder.find((i) => store.getState().drafts[i].flow.proposal.kind === 'compare-cohorts')!;
    await store.getState().approveProposal(id);
    await store.getState().confirmCheckpoint(id, { mode: 'act', window: { from: '2026-10-10', to: '2026-10-23', label: 'x' }, cohort: 'All users', windowConfirmed: true, cohortConfirmed: true });
    expect(store.getState().drafts[id].flow.phase).toBe('ready');
    await store.getState().previewDraftStep(id, 's1');
    return { ...ctx, id };
  }

  it('a page step: its undo record is on disk, with strict durability, before the step message is sent', async () => {
    const { store, page, order, id } = await readyStep();
    const tx = vi.spyOn(database.backendDB(), 'transaction');
    await store.getState().applyDraftStep(id, 's1');
    expect(order).toEqual(['applyStep sent (undo rows on disk: 1)']);
    expect(page.applyStep).toHaveBeenCalledTimes(1);
    expect(tx.mock.calls.some(([stores, mode, opts]) => String(stores).includes('undo') && mode === 'readwrite' && (opts as { durability?: string } | undefined)?.durability === 'strict')).toBe(true);
    expect(store.getState().drafts[id].flow.stepStates.s1).toBe('verified');
  });

  it('a page step whose undo record cannot be written does not run, and the panel says why', async () => {
    const { store, page, values, id } = await readyStep();
    const before = await dump();
    fillDisk('undo');
    await store.getState().applyDraftStep(id, 's1');
    expect(page.applyStep).not.toHaveBeenCalled();
    expect(values.flag).toBe('on');
    expect(store.getState().draftErrors[id]).toMatch(/could not record the state before this step, so it did not run/);
    expect(store.getState().draftErrors[id]).toContain(QUOTA_MESSAGE);
    expect(store.getState().drafts[id].flow.stepStates.s1).toBe('previewed');
    vi.restoreAllMocks();
    expect(await dump()).toEqual(before);
  });
});
