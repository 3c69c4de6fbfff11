import type { StateCreator } from 'zustand/vanilla';
import { db, saveTriage, triageForDashboard, type LoupeDb } from '@/lib/db';
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
  /** Evidence and ranked findings of the current snapshot (null before a read or after a tab switch). */
  analysis: EvidenceResult | null;
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
  return (set, get) => ({
    analysis: null,
    board: null,
    triage: {},
    triageLoad: 'idle',
    triageError: null,
    triageSaves: {},
    shownEvidence: null,
    async analyze(snapshot) {
      const mine = ++latest;
      if (!snapshot) {
        set({ analysis: null, board: null, triage: {}, triageLoad: 'idle', triageError: null, triageSaves: {}, shownEvidence: null });
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
      const board = dashboardKey(snapshot.url);
      // Reading the same board again keeps its triage on screen while it reloads: no flicker.
      set(get().board === board
        ? { analysis, triageLoad: 'loading' }
        : { analysis, board, triage: {}, triageLoad: 'loading', triageError: null, triageSaves: {}, shownEvidence: null });
      try {
        const current = await triageForDashboard(database(), board);
        if (mine !== latest) return;
        set({ triage: Object.fromEntries(current), triageLoad: 'ready', triageError: null });
      } catch (err) {
        if (mine !== latest) return;
        set({ triageLoad: 'failed', triageError: `Loupe could not load your earlier triage: ${message(err)}` });
      }
    },
    async triageFinding(finding, verdict, reason) {
      const snapshot = get().snapshot;
      if (!snapshot) return false;
      const key = triageKey(snapshot, finding);
      const chart = snapshot.charts.find((c) => c.id === finding.chartId);
      set({ triageSaves: { ...get().triageSaves, [key]: { status: 'saving' } } });
      try {
        const saved = await saveTriage(database(), {
          key, dashboard: dashboardKey(snapshot.url), chartId: finding.chartId, chartTitle: chart?.title ?? '',
          series: finding.series, kind: finding.kind, at: finding.at, changePct: finding.changePct,
          verdict, reason: reason.trim(), evidenceIds: finding.evidenceIds, actor: 'you', createdAt: new Date().toISOString(),
        });
        const { [key]: _done, ...rest } = get().triageSaves;
        // Saved for a board the panel has since left: it is in Dexie, but not this board's list.
        if (get().board === saved.dashboard) set({ triage: { ...get().triage, [key]: saved } });
        set({ triageSaves: rest });
        return true;
      } catch (err) {
        set({ triageSaves: { ...get().triageSaves, [key]: { status: 'failed', message: `Loupe could not save this: ${message(err)}` } } });
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
