import type { StateCreator } from 'zustand/vanilla';
import { db, type LoupeDb } from '@/lib/db';
import {
  appliedSteps, draftsForDashboard, proposalsForFinding, recordSignoff, saveProposals, seedDefaultRules,
  saveFlow, signoffsForDraft, undoRecordsForDraft, writeUndoRecord,
} from '@/lib/db/guardrails';
import { storageErrorMessage } from '@/lib/db/errors';
import { appendLogs, logForDashboard } from '@/lib/db/log';
import { stepsFor } from '@/lib/guardrails/drafts';
import { flowFrom, metricValue, TOUCHED } from '@/lib/guardrails/flow';
import { guardMetricDrop, planRevert, runKillSwitch, type GuardCheck, type KillSwitchReport } from '@/lib/guardrails/kill-switch';
import { transition, type FlowEvent, type FlowState } from '@/lib/guardrails/machine';
import type { ProviderSettingsInput } from '@/lib/copilot/providers';
import type { Provider } from '@/lib/copilot/types';
import type { CopilotSettings } from '@/lib/settings';
import {
  isPageStep, type Step, type Actor, type CheckpointAnswers, type Draft, type GuardMetric, type LogEvent, type Proposal,
  type ProposalEdit, type Rule, type Signoff,
} from '@/lib/guardrails/schema';
import type { StepOutcome, StepPreview } from '@/lib/actions/steps/schema';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { createProposer } from './drafts-propose';
import { triageKey } from './findings-slice';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

// Levels 2–3 in the panel: proposals for findings a person marked real, and the drafts made from them.
// Every decision goes through the pure machine (lib/guardrails/machine.ts) as a 'person' event, sent
// only from a button's click handler; Loupe's own bookkeeping (drafting, a step's check, a revert's
// result) is 'system'. Every transition is saved (proposal row, draft row, log) before the next one.

export const YOU: Actor = { kind: 'person', name: 'you' };
const LOUPE: Actor = { kind: 'system', name: 'Loupe' };

export interface DraftEntry { flow: FlowState; draftId?: number; createdAt?: string }
/** What the person fills in at the checkpoint (Loupe adds what it showed, the time and the actor). */
export type CheckpointInput = Pick<CheckpointAnswers, 'mode' | 'window' | 'cohort'> & { windowConfirmed: boolean; cohortConfirmed: boolean };

export interface DraftsSlice {
  /** One entry per proposal id, in the order proposals were made. */
  drafts: Record<number, DraftEntry>;
  draftOrder: number[];
  rules: Rule[];
  draftLog: LogEvent[];
  draftsLoad: 'idle' | 'loading' | 'ready' | 'failed';
  draftsError: string | null;
  /** Per proposal: the last refusal or failure, shown on its card. */
  draftErrors: Record<number, string>;
  /** Per `${proposalId}:${stepId}`: the preview shown (its url is what apply must name) and the outcome. */
  previews: Record<string, StepPreview>;
  outcomes: Record<string, StepOutcome>;
  /** Per proposal: the watched metric's last check. */
  guards: Record<number, GuardCheck>;
  killReport: KillSwitchReport | null;
  killing: boolean;
  /** The provider being asked for proposals right now (its label), if any. */
  proposing: string | null;
  /** Per finding key: why its proposals are Loupe's templates, or what was dropped from the model's. */
  proposalNotes: Record<string, string>;
  loadDrafts(): Promise<void>;
  checkGuards(snapshot: DashboardSnapshot | null): Promise<void>;
  approveProposal(id: number): Promise<void>;
  modifyProposal(id: number, edit: ProposalEdit): Promise<void>;
  declineProposal(id: number, reason: string): Promise<void>;
  confirmCheckpoint(id: number, input: CheckpointInput): Promise<void>;
  signOff(id: number, s: Pick<Signoff, 'rule' | 'name' | 'role' | 'note'>): Promise<boolean>;
  previewDraftStep(id: number, stepId: string): Promise<void>;
  applyDraftStep(id: number, stepId: string): Promise<void>;
  markStepDone(id: number, stepId: string): Promise<void>;
  undoAll(): Promise<void>;
}

export interface DraftsDeps {
  database?: () => LoupeDb;
  now?: () => string;
  /** The saved settings (provider, pause, redaction); the chat slice reads the same. */
  loadSettings?: () => Promise<CopilotSettings>;
  provider?: (settings: ProviderSettingsInput) => Provider;
}

const msg = storageErrorMessage;
export const stepKey = (id: number, stepId: string) => `${id}:${stepId}`;

/** Page steps of this dashboard's drafts that touched the page: the kill switch's count. */
export function appliedCount(drafts: Record<number, DraftEntry>): number {
  return Object.values(drafts).reduce((n, e) => n + e.flow.steps.filter((s) => isPageStep(s) && TOUCHED.includes(e.flow.stepStates[s.id])).length, 0);
}

export const createDraftsSlice = (api: PanelApi, deps: DraftsDeps = {}): StateCreator<PanelState, [], [], DraftsSlice> => (set, get) => {
  const database = deps.database ?? db;
  const now = deps.now ?? (() => new Date().toISOString());
  const propose = createProposer(api, deps, get, set);
  // Loads run one after another: two at once would both see "no proposals yet" and make them twice.
  let chain: Promise<void> = Promise.resolve();
  const fail = (id: number, text: string) => set({ draftErrors: { ...get().draftErrors, [id]: text } });
  const clear = (id: number) => { const { [id]: _gone, ...rest } = get().draftErrors; set({ draftErrors: rest }); };

  /** Runs one event through the machine and saves the result; null when refused (the refusal is logged). */
  async function dispatch(id: number, event: FlowEvent): Promise<FlowState | null> {
    const entry = get().drafts[id];
    if (!entry) return null;
    const t = transition(entry.flow, event, { aiPaused: get().copilotSettings.paused });
    const at = now();
    try {
      if (t.refused) {
        const rows = await appendLogs(database(), t.log.length ? toEvents(t.state, t.log, at, entry.draftId) : []);
        set({ draftLog: [...get().draftLog, ...rows] });
        fail(id, t.refused);
        return null;
      }
      const createdAt = entry.createdAt ?? at;
      // The proposal, the draft and their log lines are saved in one transaction: all or none.
      const saved = await saveFlow(database(), {
        proposal: t.state.proposal !== entry.flow.proposal ? { ...t.state.proposal, id } : undefined,
        draft: t.state.steps.length && t.state.checkpoint ? {
          id: entry.draftId, proposalId: id, findingKey: t.state.proposal.findingKey, dashboard: t.state.proposal.dashboard,
          steps: t.state.steps, draftFields: t.state.proposal.draftFields, guardMetric: t.state.guardMetric,
          checkpoint: t.state.checkpoint, state: t.state.phase as Draft['state'], stepStates: t.state.stepStates, createdAt, updatedAt: at,
        } : undefined,
        // A sign-off is logged by recordSignoff itself, in the same transaction as its row.
        events: (savedId) => toEvents(t.state, t.log.filter((l) => l.kind !== 'signoff'), at, savedId ?? entry.draftId),
      });
      const draftId = saved.draftId ?? entry.draftId;
      const rows = saved.log;
      set({ drafts: { ...get().drafts, [id]: { flow: t.state, draftId, createdAt } }, draftLog: [...get().draftLog, ...rows] });
      clear(id);
      return t.state;
    } catch (e) {
      fail(id, `Loupe could not save this: ${msg(e)}`);
      return null;
    }
  }

  function toEvents(flow: FlowState, log: ReturnType<typeof transition>['log'], at: string, draftId?: number): Omit<LogEvent, 'id'>[] {
    const p = flow.proposal;
    return log.map((e) => ({
      at, kind: e.kind, actor: e.actor, dashboard: p.dashboard, findingKey: p.findingKey, evidenceIds: p.evidenceIds, summary: e.summary,
      proposalId: p.id, ...(draftId !== undefined ? { draftId } : {}), ...(e.stepId ? { stepId: e.stepId } : {}), ...(e.detail ? { detail: e.detail } : {}),
    }));
  }

  async function load(): Promise<void> {
    const board = get().board;
    if (!board) { set({ drafts: {}, draftOrder: [], draftLog: [], draftsLoad: 'idle' }); return; }
    set({ draftsLoad: get().board === board && get().draftsLoad === 'ready' ? 'ready' : 'loading' });
    // Proposal cards show the notes they contradict: the notes list must be there even if the Notes
    // tab was never opened (its own reload keeps it current after an edit).
    if (get().notesLoad === 'idle') void get().loadNotes();
    try {
      const d = database();
      const rules = await seedDefaultRules(d);
      const triage = Object.values(get().triage);
      const proposals: Proposal[] = [];
      for (const t of triage) {
        let list = await proposalsForFinding(d, t.key);
        if (!list.length && t.verdict === 'real') {
          const made = await propose(t);
          list = await saveProposals(d, made.proposals);
          await appendLogs(d, [
            ...(made.note ? [{ at: now(), kind: 'proposal-rejected' as const, actor: made.by ?? LOUPE, dashboard: t.dashboard, findingKey: t.key, evidenceIds: t.evidenceIds, summary: made.note }] : []),
            ...list.map((p) => ({ at: now(), kind: 'proposal-made' as const, actor: p.source === 'model' && made.by ? made.by : LOUPE, dashboard: p.dashboard, findingKey: p.findingKey, proposalId: p.id, evidenceIds: p.evidenceIds, summary: `Proposed: ${p.title}` })),
          ]);
          if (made.note) set({ proposalNotes: { ...get().proposalNotes, [t.key]: made.note } });
        }
        proposals.push(...list);
      }
      const draftRows = await draftsForDashboard(d, board);
      const log = await logForDashboard(d, board);
      const drafts: Record<number, DraftEntry> = {};
      for (const p of proposals) {
        const row = draftRows.filter((r) => r.proposalId === p.id).at(-1);
        const signoffs = row?.id !== undefined ? await signoffsForDraft(d, row.id) : [];
        drafts[p.id!] = { flow: flowFrom(p, row, rules, signoffs, log), draftId: row?.id, createdAt: row?.createdAt };
      }
      if (get().board !== board) return;
      set({ drafts, draftOrder: proposals.map((p) => p.id!), rules, draftLog: log, draftsLoad: 'ready', draftsError: null });
    } catch (e) {
      set({ draftsLoad: 'failed', draftsError: `Loupe could not load proposals and drafts: ${msg(e)}` });
    }
  }

  async function pageStep(id: number, stepId: string) {
    const entry = get().drafts[id];
    const step = entry?.flow.steps.find((s) => s.id === stepId);
    const tabId = get().tabId;
    if (!entry || !step || !isPageStep(step)) return null;
    if (tabId === null || !api.previewStep || !api.applyStep) { fail(id, 'Loupe cannot reach the page: open the dashboard tab and read it again.'); return null; }
    return { entry, step, tabId };
  }

  return {
    drafts: {}, draftOrder: [], rules: [], draftLog: [], draftsLoad: 'idle', draftsError: null, draftErrors: {},
    previews: {}, outcomes: {}, guards: {}, killReport: null, killing: false, proposing: null, proposalNotes: {},
    loadDrafts() { chain = chain.then(load); return chain; },
    async checkGuards(snapshot) {
      for (const id of get().draftOrder) {
        const { flow, draftId } = get().drafts[id];
        const g = flow.guardMetric;
        if (!g || g.before === undefined || !flow.steps.some((s) => TOUCHED.includes(flow.stepStates[s.id]))) continue;
        const value = metricValue(snapshot, g.metric);
        if (value === undefined) continue;
        const check = guardMetricDrop(g.before, value, g.thresholdPct, g.direction);
        const was = get().guards[id];
        set({ guards: { ...get().guards, [id]: check } });
        if (check.dropped && !was?.dropped) {
          const rows = await appendLogs(database(), toEvents(flow, [{ kind: 'guard-metric-drop', actor: LOUPE, summary: `${g.metric}: ${check.message}` }], now(), draftId));
          set({ draftLog: [...get().draftLog, ...rows] });
        }
      }
    },
    async approveProposal(id) { await dispatch(id, { type: 'approve', actor: YOU }); },
    async modifyProposal(id, edit) { await dispatch(id, { type: 'modify', actor: YOU, edit }); },
    async declineProposal(id, reason) { await dispatch(id, { type: 'decline', actor: YOU, reason }); },
    async confirmCheckpoint(id, input) {
      const entry = get().drafts[id];
      if (!entry) return;
      const snap = get().snapshot;
      const finding = snap ? get().analysis?.findings.find((f) => triageKey(snap, f) === entry.flow.proposal.findingKey) : undefined;
      // The literals true are the schema's: an unticked box makes the machine refuse the checkpoint.
      const answers = { ...input, shown: { confidence: finding?.confidence ?? 0, evidenceIds: entry.flow.proposal.evidenceIds }, confirmedAt: now(), actor: YOU } as CheckpointAnswers;
      const checked = await dispatch(id, { type: 'checkpoint', actor: YOU, answers });
      if (!checked || checked.phase !== 'checked') return;
      const metric = checked.proposal.draftFields.metric;
      const before = metric ? metricValue(get().snapshot, metric) : undefined;
      const guardMetric: GuardMetric | undefined = metric && before !== undefined ? { metric, thresholdPct: 10, direction: 'higher-is-better', before } : undefined;
      let steps: Step[];
      try { steps = stepsFor(checked.proposal, checked.checkpoint!); } catch (e) { fail(id, `Loupe could not draft steps: ${msg(e)}`); return; }
      await dispatch(id, { type: 'draft', actor: LOUPE, steps, rules: get().rules, guardMetric });
    },
    async signOff(id, s) {
      const entry = get().drafts[id];
      if (!entry || entry.draftId === undefined) return false;
      const signoff: Signoff = { ...s, draftId: entry.draftId, at: now(), actor: YOU };
      const t = transition(entry.flow, { type: 'signoff', actor: YOU, signoff }, { aiPaused: get().copilotSettings.paused });
      if (t.refused) { await dispatch(id, { type: 'signoff', actor: YOU, signoff }); return false; }
      const p = entry.flow.proposal;
      const saved = await recordSignoff(database(), signoff, { dashboard: p.dashboard, evidenceIds: p.evidenceIds, findingKey: p.findingKey }).catch((e: unknown) => ({ ok: false as const, error: msg(e) }));
      if (!saved.ok) { fail(id, saved.error); return false; }
      set({ draftLog: await logForDashboard(database(), p.dashboard) });
      return (await dispatch(id, { type: 'signoff', actor: YOU, signoff: saved.signoff })) !== null;
    },
    async previewDraftStep(id, stepId) {
      const ctx = await pageStep(id, stepId);
      if (!ctx) return;
      // The machine decides first: a step that may not run now is not even outlined on the page.
      const again = ctx.entry.flow.stepStates[stepId] === 'previewed';
      if (!again && transition(ctx.entry.flow, { type: 'step-preview', actor: YOU, stepId }).refused) { await dispatch(id, { type: 'step-preview', actor: YOU, stepId }); return; }
      const preview = await api.previewStep!(ctx.tabId, ctx.step).catch((e: unknown): StepPreview => ({ ok: false, description: ctx.step.label, before: null, after: null, url: '', message: msg(e) }));
      if (!preview.ok) { fail(id, preview.message || 'Loupe could not preview this step.'); return; }
      const state = again ? get().drafts[id].flow : await dispatch(id, { type: 'step-preview', actor: YOU, stepId });
      if (state) set({ previews: { ...get().previews, [stepKey(id, stepId)]: preview } });
    },
    async applyDraftStep(id, stepId) {
      const ctx = await pageStep(id, stepId);
      const preview = get().previews[stepKey(id, stepId)];
      if (!ctx || ctx.entry.draftId === undefined) return;
      if (!preview) { fail(id, 'Preview this step first: its button shows what it will change.'); return; }
      const draftId = ctx.entry.draftId;
      const p = ctx.entry.flow.proposal;
      const check = transition(ctx.entry.flow, { type: 'step-click', actor: YOU, stepId }, { aiPaused: get().copilotSettings.paused });
      if (check.refused) { await dispatch(id, { type: 'step-click', actor: YOU, stepId }); return; }
      try {
        // The state before the step is on disk before the step runs, or the step does not run.
        await writeUndoRecord(database(), { draftId, stepId, step: ctx.step, before: preview.before, createdAt: now() }, {
          at: now(), kind: 'undo-recorded', actor: LOUPE, dashboard: p.dashboard, findingKey: p.findingKey, proposalId: id, draftId, stepId,
          evidenceIds: p.evidenceIds, summary: `Recorded the state before “${ctx.step.label}”: ${preview.before ?? 'unknown'}`,
        });
      } catch (e) { fail(id, `Loupe could not record the state before this step, so it did not run: ${msg(e)}`); return; }
      if (!(await dispatch(id, { type: 'step-click', actor: YOU, stepId }))) return;
      const out = await api.applyStep!(ctx.tabId, ctx.step, preview.url).catch((e: unknown): StepOutcome => ({ ok: false, before: null, after: null, verified: false, message: msg(e) }));
      set({ outcomes: { ...get().outcomes, [stepKey(id, stepId)]: out } });
      const ok = out.ok && out.verified;
      await dispatch(id, { type: 'step-result', actor: LOUPE, stepId, ok, message: ok ? undefined : out.message });
    },
    async markStepDone(id, stepId) { await dispatch(id, { type: 'step-click', actor: YOU, stepId }); },
    async undoAll() {
      const entries = get().draftOrder.map((id) => [id, get().drafts[id]] as const).filter(([, e]) => e.draftId !== undefined);
      const byDraft = new Map(entries.map(([id, e]) => [e.draftId!, id]));
      const tabId = get().tabId;
      set({ killing: true, killReport: null });
      try {
        const applied = await appliedSteps(database(), [...byDraft.keys()]);
        for (const draftId of new Set(applied.map((a) => a.draftId))) await dispatch(byDraft.get(draftId)!, { type: 'kill', actor: YOU });
        const undo = new Map<string, { step: Step; before: unknown }>();
        for (const draftId of byDraft.keys()) for (const u of await undoRecordsForDraft(database(), draftId)) undo.set(`${draftId}:${u.stepId}`, u);
        const report = await runKillSwitch(planRevert(applied), async (a) => {
          const u = undo.get(`${a.draftId}:${a.stepId}`);
          if (!u || !isPageStep(u.step) || typeof u.before !== 'string') return { reverted: false, message: 'Loupe has no record of the value before this step: undo it by hand.' };
          if (tabId === null || !api.revertStep) return { reverted: false, message: 'Loupe cannot reach the page.' };
          const out = await api.revertStep(tabId, u.step, u.before);
          return out.ok ? { reverted: true, verified: out.verified, message: out.message } : { reverted: false, message: out.message };
        }, async (a, ok, message) => { await dispatch(byDraft.get(a.draftId)!, { type: 'revert-result', actor: LOUPE, stepId: a.stepId, ok, message }); });
        set({ killReport: report, guards: {} });
      } catch (e) {
        set({ killReport: { ok: false, reverted: [], failed: [{ step: { draftId: -1, stepId: 's0', label: 'Kill switch', appliedAt: now(), seq: 0 }, message: msg(e) }] } });
      } finally { set({ killing: false }); }
    },
  };
};
