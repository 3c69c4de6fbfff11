import type { StateCreator } from 'zustand/vanilla';
import { db, triageForDashboard, type LoupeDb } from '@/lib/db';
import { ChatRecord } from '@/lib/db/chats';
import { feedbackForDashboard } from '@/lib/db/feedback';
import { draftsForDashboard, loadRules, signoffsForDraft, undoRecordsForDraft } from '@/lib/db/guardrails';
import { logForDashboard } from '@/lib/db/log';
import { listNotes } from '@/lib/db/notes';
import { dashboardKey } from '@/lib/db/schema';
import { explainDashboard } from '@/lib/copilot/explain';
import { buildExport, toCsv, toHtml, toJson, toMarkdown, type Export, type ExportChart, type ExportInput } from '@/lib/export';
import { gatherDecisions, type DecisionRows } from '@/lib/export/gather';
import { Proposal, type LogEvent } from '@/lib/guardrails/schema';
import { cropShot, marksForChart, type MarkWanted } from '@/lib/actions/capture';
import { triageKey } from './findings-slice';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

// The Log tab: this board's decision log within a date range, and the reviewer export built from it
// (with the charts captured from the tab when the browser lets Loupe).

export type ExportFormat = 'markdown' | 'html' | 'json' | 'csv';
export interface LogRange { from: string; to: string }
export interface ExportFile { fileName: string; mime: string; text: string; warnings: string[] }

export interface LogSlice {
  /** Newest first. */
  logEvents: LogEvent[];
  /** ISO dates (YYYY-MM-DD) or '' for open ends. */
  logRange: LogRange;
  logLoad: 'idle' | 'loading' | 'ready' | 'failed';
  logError: string | null;
  loadLog(): Promise<void>;
  setLogRange(range: LogRange): Promise<void>;
  /** Builds the export; `images`: capture the charts from the tab first. */
  buildReport(format: ExportFormat, opts?: { images?: boolean }): Promise<ExportFile>;
}

export interface LogDeps { database?: () => LoupeDb }

const MIME: Record<ExportFormat, string> = {
  markdown: 'text/markdown', html: 'text/html', json: 'application/json', csv: 'text/csv',
};
const EXT: Record<ExportFormat, string> = { markdown: 'md', html: 'html', json: 'json', csv: 'csv' };

/** The log's range as the db filters it: a date alone covers its whole day. */
export function rangeQuery(r: LogRange): { from?: string; to?: string } {
  return { ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: `${r.to}T23:59:59.999Z` } : {}) };
}

/** Ends a reason with one full stop, whether or not the message it came from had one. */
const withStop = (s: string): string => `${s.trim().replace(/[.\s]+$/, '')}.`;

/** A board's proposals, drafts and what hangs off them, and its Ask answers, as stored. Chat rows are
 *  read as they are (no repair of a turn still streaming: this panel may be answering it). */
async function decisionRows(d: LoupeDb, board: string): Promise<Pick<DecisionRows, 'proposals' | 'drafts' | 'rules' | 'signoffs' | 'undo' | 'chats'>> {
  const [proposalRows, drafts, rules, chatRows] = await Promise.all([
    d.proposals.where('dashboard').equals(board).sortBy('createdAt'), draftsForDashboard(d, board), loadRules(d),
    d.chats.where('dashboard').equals(board).sortBy('createdAt'),
  ]);
  const ids = drafts.flatMap((x) => (x.id === undefined ? [] : [x.id]));
  const [signoffs, undo] = await Promise.all([
    Promise.all(ids.map((id) => signoffsForDraft(d, id))), Promise.all(ids.map((id) => undoRecordsForDraft(d, id))),
  ]);
  const parsed = <T>(rows: unknown[], schema: { safeParse(r: unknown): { success: true; data: T } | { success: false } }) =>
    rows.flatMap((r) => { const p = schema.safeParse(r); return p.success ? [p.data] : []; });
  return { proposals: parsed(proposalRows, Proposal), drafts, rules, signoffs: signoffs.flat(), undo: undo.flat(), chats: parsed(chatRows, ChatRecord) };
}

export const createLogSlice = (api: PanelApi, deps: LogDeps = {}): StateCreator<PanelState, [], [], LogSlice> => (set, get) => {
  const database = deps.database ?? db;
  let latest = 0;

  /** Chart images with their marks; a failure (no permission, tab not in front) is a warning. */
  async function charts(warnings: string[]): Promise<ExportChart[]> {
    const { snapshot, tabId, learning } = get();
    if (!snapshot) return [];
    const board = dashboardKey(snapshot.url);
    const base = snapshot.charts.map((c): ExportChart => ({ dashboard: board, chartId: c.id, title: c.title, marks: [] }));
    const findings = (learning?.findings ?? get().analysis?.findings ?? []).filter((f) => !('suppressed' in f && f.suppressed));
    const wanted = new Map<string, MarkWanted[]>();
    const evidence = get().analysis?.evidence ?? [];
    for (const f of findings) {
      const marks: MarkWanted[] = [{ ref: f.id, x: f.at, series: f.series, label: f.title }];
      // The points the finding's evidence cites on the same chart, each once.
      for (const e of evidence.filter((e) => f.evidenceIds.includes(e.id) && e.chartId === f.chartId)) {
        for (const x of e.points.slice(0, 6)) marks.push({ ref: e.id, x, series: e.series ?? f.series, label: e.claim });
      }
      const have = wanted.get(f.chartId) ?? [];
      wanted.set(f.chartId, [...have, ...marks.filter((m) => !have.some((h) => h.ref === m.ref && String(h.x) === String(m.x)))]);
    }
    if (!api.captureCharts || tabId === null) {
      warnings.push('Chart images were not captured: this panel cannot take screenshots.');
      return base;
    }
    const ids = snapshot.charts.map((c) => c.id);
    const points = Object.fromEntries([...wanted].map(([id, w]) => [id, w.map(({ x, series }) => ({ x, series }))]));
    const outcome = await api.captureCharts({ tabId, chartIds: ids, points });
    if (!outcome.ok) {
      warnings.push(`Exported without chart images: ${withStop(outcome.message ?? 'the browser did not allow a screenshot')}`);
      return base;
    }
    const capturedAt = new Date().toISOString();
    return Promise.all(base.map(async (c) => {
      const shot = outcome.shots.find((s) => s.chartId === c.chartId);
      if (!shot?.ok) {
        warnings.push(`No image of “${c.title}”: ${withStop(shot && !shot.ok ? shot.message : 'it was not captured')}`);
        return c;
      }
      const chart = snapshot.charts.find((x) => x.id === c.chartId);
      const xs = chart?.series[0]?.points.map((p) => p.x) ?? [];
      const marks = marksForChart(shot, wanted.get(c.chartId) ?? [], xs);
      try {
        return { ...c, capturedAt, marks, image: await cropShot(shot, marks), marksDrawn: true };
      } catch (err) {
        warnings.push(`No image of “${c.title}”: ${withStop(err instanceof Error ? err.message : String(err))}`);
        return { ...c, marks };
      }
    }));
  }

  return {
    logEvents: [],
    logRange: { from: '', to: '' },
    logLoad: 'idle',
    logError: null,
    async loadLog() {
      const mine = ++latest;
      const snapshot = get().snapshot;
      if (!snapshot) { set({ logEvents: [], logLoad: 'idle', logError: null }); return; }
      set({ logLoad: 'loading' });
      try {
        const rows = await logForDashboard(database(), dashboardKey(snapshot.url), rangeQuery(get().logRange));
        if (mine !== latest) return;
        set({ logEvents: [...rows].reverse(), logLoad: 'ready', logError: null });
      } catch (err) {
        if (mine !== latest) return;
        set({ logLoad: 'failed', logError: `Loupe could not read the decision log: ${err instanceof Error ? err.message : String(err)}` });
      }
    },
    async setLogRange(range) {
      set({ logRange: range });
      await get().loadLog();
    },
    async buildReport(format, opts = {}) {
      const { snapshot, logRange } = get();
      const d = database();
      const warnings: string[] = [];
      const board = snapshot ? dashboardKey(snapshot.url) : undefined;
      const input: ExportInput = { generatedAt: new Date().toISOString(), filter: { ...(board ? { dashboard: board } : {}), ...rangeQuery(logRange) } };
      if (snapshot && board) {
        // The whole log: decisions and steps are looked up in it; buildExport keeps the range's events.
        const [triage, feedback, notes, log, decisions] = await Promise.all([
          triageForDashboard(d, board), feedbackForDashboard(d, board), listNotes(d), logForDashboard(d, board), decisionRows(d, board),
        ]);
        const all = get().learning?.findings ?? get().analysis?.findings ?? [];
        input.dashboards = [{ url: board, title: snapshot.title, ...(snapshot.tool ? { tool: snapshot.tool } : {}), readAt: snapshot.readAt, ...(snapshot.context ? { context: snapshot.context } : {}) }];
        input.evidence = (get().analysis?.evidence ?? []).map((e) => ({ ...e, dashboard: board, readAt: snapshot.readAt }));
        input.findings = all.map((f) => {
          const t = triage.get(triageKey(snapshot, f));
          return { ...f, dashboard: board, readAt: snapshot.readAt, ...(t ? { triage: { verdict: t.verdict, reason: t.reason, actor: t.actor, createdAt: t.createdAt } } : {}) };
        });
        input.feedback = feedback;
        input.notes = notes;
        input.log = log;
        input.charts = opts.images ? await charts(warnings) : [];
        const analysis = get().analysis;
        // The panel's "Explain this dashboard" is the offline explainer on this read: the same text.
        const explained = analysis ? [{
          dashboard: board, at: snapshot.readAt, readAt: snapshot.readAt, question: 'Explain this dashboard',
          text: explainDashboard(snapshot, analysis).markdown.slice(0, 20_000), provider: 'Loupe offline explainer',
        }] : [];
        Object.assign(input, gatherDecisions({ ...decisions, board, log, notes, triage: [...triage.values()], explanations: explained }));
      }
      const exp: Export = buildExport(input);
      exp.warnings.unshift(...warnings);
      const text = format === 'html' ? toHtml(exp) : format === 'json' ? toJson(exp)
        : format === 'csv' ? toCsv(exp.evidence) : toMarkdown(exp, { images: Boolean(opts.images) });
      const stamp = exp.generatedAt.slice(0, 10);
      return { fileName: `loupe-review-${stamp}.${EXT[format]}`, mime: MIME[format], text, warnings: exp.warnings };
    },
  };
};
