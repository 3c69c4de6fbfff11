import type { StateCreator } from 'zustand/vanilla';
import { db, saveTriage, triageForDashboard, type LoupeDb } from '@/lib/db';
import { storageErrorMessage } from '@/lib/db/errors';
import { feedbackForDashboard } from '@/lib/db/feedback';
import { appendLog } from '@/lib/db/log';
import { listNotes } from '@/lib/db/notes';
import { applyLearning, visibleFindings, type LearningResult } from '@/lib/learning';
import { dashboardKey, findingKey, type TriageRecord, type TriageVerdict } from '@/lib/db/schema';
import { computeEvidence } from '@/lib/evidence';
import type { Evidence, EvidenceResult, Finding } from '@/lib/evidence/schema';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import type { PanelState } from './panel-store';

export type TriageLoad = 'idle' | 'loading' | 'ready' | 'failed';

/** A save in flight or one that failed; the card keeps the person's typed reason either way. */
export interface TriageSave {
  status: 'saving' | 'failed';
  message?: string;
}

export interface FindingsSlice {
  /** Evidence and ranked findings of the current snapshot (null before a read or after a tab switch).
   *  Once learning is applied, `findings` holds only what is surfaced (suppressed ones are in `learning`). */
  analysis: EvidenceResult | null;
  /** Every finding of this read with what people said applied (suppression, notes, lowered confidence). */
  learning: LearningResult | null;
  /** The dashboard (`dashboardKey`) the analysis and triage belong to. */
  board: string | null;
  /** The current triage per finding key (lib/db/schema.ts `findingKey`) of this dashboard. */
  triage: Record<string, TriageRecord>;
  triageLoad: TriageLoad;
  triageError: string | null;
  /** Per finding key: a save in flight or one that failed. */
  triageSaves: Record<string, TriageSave>;
  /** The evidence item last sent to the page, so the card that sent it can say so. */
  shownEvidence: string | null;
  /** Recomputes evidence and findings for a snapshot and loads this dashboard's triage. */
  analyze(snapshot: DashboardSnapshot | null): Promise<void>;
  /** Saves a person's verdict; resolves false (with the error kept) when it could not be saved. */
  triageFinding(finding: Finding, verdict: TriageVerdict, reason: string): Promise<boolean>;
  /** Outlines the evidence's chart on the page and marks the data points it rests on. */
  showEvidence(evidenceId: string): Promise<void>;
  /** Applies triage, feedback and notes from Dexie to this read's findings again (after an edit). */
  refreshLearning(): Promise<void>;
  /** Undoes a suppression: a new triage "investigate" (the log keeps the earlier verdict), then refresh. */
  showAgain(findingId: string): Promise<boolean>;
}

export interface FindingsDeps {
  /** The database triage lives in; tests pass one on fake-indexeddb. */
  database?: () => LoupeDb;
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 200);
}

/** The key a finding's triage is stored under, for the snapshot it was found in. */
export function triageKey(snapshot: DashboardSnapshot, finding: Finding): string {
  return findingKey(snapshot.url, finding);
}

export function evidenceById(state: Pick<FindingsSlice, 'analysis'>, id: string): Evidence | undefined {
  return state.analysis?.evidence.find((e) => e.id === id);
}

export const createFindingsSlice = (deps: FindingsDeps = {}): StateCreator<PanelState, [], [], FindingsSlice> => {
  const database = deps.database ?? db;
  // Only the newest analysis may write triage: a slow load for a board the person left is dropped.
  let latest = 0;
  // The engine's own findings of this read: learning is applied to these, never to learned ones twice.
  let raw: EvidenceResult | null = null;

  /** Triage, flags and notes applied to `raw`; throws when Dexie cannot be read. */
  async function learn(snapshot: DashboardSnapshot, board: string, triage: TriageRecord[]): Promise<LearningResult> {
    const database_ = database();
    const [feedback, notes] = await Promise.all([feedbackForDashboard(database_, board), listNotes(database_)]);
    const chartTitles = Object.fromEntries(snapshot.charts.map((c) => [c.id, c.title]));
    // "now" is the wall clock, not readAt: a verdict given after this read must still apply to it.
    return applyLearning(raw?.findings ?? [], { dashboard: board, triage, feedback, notes, now: new Date().toISOString(), chartTitles });
  }
  return (set, get) => ({
    analysis: null,
    learning: null,
    board: null,
    triage: {},
    triageLoad: 'idle',
    triageError: null,
    triageSaves: {},
    shownEvidence: null,
    async analyze(snapshot) {
      const mine = ++latest;
      if (!snapshot) {
        raw = null;
        set({ analysis: null, learning: null, board: null, triage: {}, triageLoad: 'idle', triageError: null, triageSaves: {}, shownEvidence: null });
        return;
      }
      // The engine is pure and takes milliseconds on a board: run it here rather than in the background.
      let analysis: EvidenceResult;
      try {
        analysis = computeEvidence(snapshot);
      } catch (err) {
        // A snapshot the engine cannot read still shows its charts; the findings list says nothing was found.
        console.warn('Loupe: evidence engine failed', err);
        analysis = { evidence: [], findings: [] };
      }
      raw = analysis;
      const board = dashboardKey(snapshot.url);
      // Reading the same board again keeps its triage on screen while it reloads: no flicker.
      set(get().board === board
        ? { analysis, learning: null, triageLoad: 'loading' }
        : { analysis, learning: null, board, triage: {}, triageLoad: 'loading', triageError: null, triageSaves: {}, shownEvidence: null });
      try {
        const current = await triageForDashboard(database(), board);
        if (mine !== latest) return;
        set({ triage: Object.fromEntries(current), triageLoad: 'ready', triageError: null });
      } catch (err) {
        if (mine !== latest) return;
        set({ triageLoad: 'failed', triageError: `Loupe could not load your earlier triage: ${message(err)}` });
        return;
      }
      if (mine === latest) await get().refreshLearning();
    },
    async refreshLearning() {
      const { snapshot, board } = get();
      if (!snapshot || !board || !raw || dashboardKey(snapshot.url) !== board) return;
      const mine = latest;
      try {
        const learning = await learn(snapshot, board, Object.values(get().triage));
        if (mine !== latest) return;
        set({ learning, analysis: { evidence: raw.evidence, findings: visibleFindings(learning.findings) } });
      } catch (err) {
        // Without learning every finding stays surfaced: hiding one needs the person's recorded word.
        console.warn('Loupe: learning could not be applied', err);
      }
    },
    async showAgain(findingId) {
      const f = get().learning?.findings.find((x) => x.id === findingId);
      if (!f?.suppressed) return false;
      const ok = await get().triageFinding(f, 'investigate', 'Shown again after it was hidden');
      if (ok) await get().refreshLearning();
      return ok;
    },
    async triageFinding(finding, verdict, reason) {
      const snapshot = get().snapshot;
      if (!snapshot) return false;
      const key = triageKey(snapshot, finding);
      const chart = snapshot.charts.find((c) => c.id === finding.chartId);
      set({ triageSaves: { ...get().triageSaves, [key]: { status: 'saving' } } });
      try {
        const d = database();
        const createdAt = new Date().toISOString();
        // The verdict and its log line are written together: the decision log never misses a triage.
        const saved = await d.transaction('rw', d.triage, d.log, async () => {
          const row = await saveTriage(d, {
            key, dashboard: dashboardKey(snapshot.url), chartId: finding.chartId, chartTitle: chart?.title ?? '',
            series: finding.series, kind: finding.kind, at: finding.at, changePct: finding.changePct,
            verdict, reason: reason.trim(), evidenceIds: finding.evidenceIds, actor: 'you', createdAt,
          });
          await appendLog(d, {
            at: createdAt, kind: 'triaged', actor: { kind: 'person', name: 'you' }, dashboard: row.dashboard, findingKey: key,
            evidenceIds: finding.evidenceIds, summary: `Marked “${finding.title}” ${verdict}${row.reason ? `: ${row.reason.slice(0, 1500)}` : ''}`,
            detail: { verdict, findingId: finding.id },
          });
          return row;
        });
        const { [key]: _done, ...rest } = get().triageSaves;
        // Saved for a board the panel has since left: it is in Dexie, but not this board's list.
        if (get().board === saved.dashboard) set({ triage: { ...get().triage, [key]: saved } });
        set({ triageSaves: rest });
        return true;
      } catch (err) {
        set({ triageSaves: { ...get().triageSaves, [key]: { status: 'failed', message: `Loupe could not save this: ${storageErrorMessage(err)}` } } });
        return false;
      }
    },
    async showEvidence(evidenceId) {
      const e = evidenceById(get(), evidenceId);
      if (!e) return;
      set({ shownEvidence: evidenceId });
      await get().showChart(e.chartId, e.points);
    },
  });
};
