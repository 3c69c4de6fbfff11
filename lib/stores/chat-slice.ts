import type { StateCreator } from 'zustand/vanilla';
import { runCopilot, type CopilotResult, type LoopInput } from '@/lib/copilot/loop';
import { describeRequest, buildRequest, type RequestDescription } from '@/lib/copilot/prompt';
import { selectProvider } from '@/lib/copilot/providers';
import { RedactionSettings, type RedactionReport } from '@/lib/copilot/redact';
import type { ProviderSettings } from '@/lib/copilot/settings';
import { TOOL_SPECS } from '@/lib/copilot/tools';
import type { Provider, RetryInfo } from '@/lib/copilot/types';
import { db, type LoupeDb } from '@/lib/db';
import { addChat, chatsForDashboard, updateChat, type ChatRecord } from '@/lib/db/chats';
import { dashboardKey } from '@/lib/db/schema';
import { computeEvidence } from '@/lib/evidence';
import type { EvidenceResult } from '@/lib/evidence/schema';
import { loadCopilotSettings, type CopilotSettings } from '@/lib/settings';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { compactEvidence, finalState, historyOf, PAUSED_MESSAGE } from './chat-answer';
import { chatLearning, NO_LEARNING } from './chat-learning';
import { youToldUs } from '@/lib/learning';
import type { PanelState } from './panel-store';

// The Ask tab's conversation. Order matters and is the point of this file: the question is saved
// before any network call, the answer is saved while it streams (a closed panel loses at most the
// last fraction of a second), and the verifier's marks are saved with the final answer.

/** A turn on screen: the saved row plus what only lives while it is answered. */
export interface ChatTurn extends ChatRecord {
  key: string;
  /** "The provider is rate-limiting requests; retrying in 1 s." while that wait runs. */
  waiting?: string;
}

export type ChatLoad = 'idle' | 'loading' | 'ready' | 'failed';

export interface NextRequest {
  description: RequestDescription;
  provider: string;
  paused: boolean;
  redactions: RedactionReport;
}

export interface ChatSlice {
  /** The dashboard (`dashboardKey`) whose conversation is on screen. */
  chatBoard: string | null;
  chatLoad: ChatLoad;
  /** A problem with the conversation itself (history unreadable, question not saved). */
  chatProblem: string | null;
  turns: ChatTurn[];
  /** The key of the turn being answered, if any: one answer at a time. */
  answering: string | null;
  /** Loads the open dashboard's conversation (once per board: a live answer is never reloaded away). */
  loadChat(): Promise<void>;
  ask(question: string): Promise<void>;
  /** Stops the answer in progress; what arrived is kept and marked stopped. */
  stopAnswer(): void;
  /** Asks a turn's question again, in place. */
  retryTurn(key: string): Promise<void>;
  /** "Show what will be sent" for a question: the exact request, key masked. */
  describeNext(question: string): Promise<NextRequest>;
}

export interface ChatDeps {
  database?: () => LoupeDb;
  loadSettings?: () => Promise<CopilotSettings>;
  provider?: (settings: ProviderSettings) => Provider;
  run?: (input: LoopInput) => Promise<CopilotResult>;
  now?: () => string;
}

/** How often a streaming answer is written to Dexie. */
const SAVE_EVERY_MS = 250;
/** Earlier turns given to the model for follow-up questions. */
const HISTORY_TURNS = 4;

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

export const createChatSlice = (deps: ChatDeps = {}): StateCreator<PanelState, [], [], ChatSlice> => {
  const database = deps.database ?? db;
  const loadSettings = deps.loadSettings ?? loadCopilotSettings;
  const makeProvider = deps.provider ?? ((s: ProviderSettings) => selectProvider(s));
  const run = deps.run ?? runCopilot;
  const now = deps.now ?? (() => new Date().toISOString());
  let controller: AbortController | null = null;
  let localSeq = 0;
  let latestLoad = 0;

  return (set, get) => {
    const patchTurn = (key: string, patch: Partial<ChatTurn>): void => {
      set({ turns: get().turns.map((t) => (t.key === key ? { ...t, ...patch } : t)) });
    };
    const turnOf = (key: string) => get().turns.find((t) => t.key === key);

    /** Evidence for the snapshot: the findings slice's when it is for this board, else computed here. */
    const evidenceFor = (snapshot: DashboardSnapshot): EvidenceResult => {
      const s = get();
      if (s.analysis && s.board === dashboardKey(snapshot.url)) return s.analysis;
      try {
        return computeEvidence(snapshot);
      } catch {
        return { evidence: [], findings: [] };
      }
    };

    /** Writes go one after another, so a slow write can never land after (and undo) a later one. */
    const saver = (id: number | undefined) => {
      let chain: Promise<unknown> = Promise.resolve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let latest: Partial<ChatRecord> | null = null;
      const flush = (): Promise<unknown> => {
        clearTimeout(timer);
        timer = undefined;
        const patch = latest;
        latest = null;
        if (id === undefined || !patch) return chain;
        chain = chain.then(() => updateChat(database(), id, patch)).catch((err: unknown) => {
          set({ chatProblem: `Loupe could not save this answer: ${message(err)}` });
        });
        return chain;
      };
      return {
        later(patch: Partial<ChatRecord>) {
          latest = { ...latest, ...patch };
          timer ??= setTimeout(() => void flush(), SAVE_EVERY_MS);
        },
        now(patch: Partial<ChatRecord>) {
          latest = { ...latest, ...patch };
          return flush();
        },
      };
    };

    /** Answers a turn that is already saved and on screen. */
    const answer = async (key: string, question: string, snapshot: DashboardSnapshot, settings: CopilotSettings,
      provider: Provider | null): Promise<void> => {
      const turn = turnOf(key);
      const save = saver(turn?.id);
      if (settings.paused || !provider) {
        const error = settings.paused ? PAUSED_MESSAGE : turn?.error ?? 'No provider could be set up.';
        patchTurn(key, { status: 'error', error, retryable: true });
        await save.now({ status: 'error', error, retryable: true, updatedAt: now() });
        set({ answering: null });
        return;
      }
      const analysis = evidenceFor(snapshot);
      // A note that cannot be read must not cost the person the answer: it is asked without them.
      const learning = await chatLearning(database(), snapshot, analysis.findings).catch(() => NO_LEARNING);
      const told = youToldUs(get().learning?.changes ?? []);
      controller = new AbortController();
      const signal = controller.signal;
      let text = '';
      const retries: string[] = [];
      const evidence = compactEvidence(analysis.evidence, analysis.findings, learning.refs);
      patchTurn(key, { evidence, evidenceIds: analysis.evidence.map((e) => e.id).slice(0, 1000) });
      save.later({ evidence, evidenceIds: analysis.evidence.map((e) => e.id).slice(0, 1000) });
      let result: CopilotResult | undefined;
      let crash: string | undefined;
      try {
        result = await run({
          provider,
          snapshot,
          signal,
          prompt: {
            question, snapshot, evidence: analysis.evidence, findings: analysis.findings,
            notes: learning.notes, feedback: learning.feedback, told,
            history: historyOf(get().turns, key, HISTORY_TURNS), plainLanguage: settings.plainLanguage, redaction: settings.redaction,
          },
          onDelta(d) {
            text += d;
            patchTurn(key, { answer: text, waiting: undefined });
            save.later({ answer: text, updatedAt: now() });
          },
          onRetry(info: RetryInfo) {
            retries.push(info.message);
            patchTurn(key, { waiting: info.message, retries: [...retries] });
            save.later({ retries: [...retries] });
          },
        });
      } catch (err) {
        // runCopilot does not throw for provider failures; anything else is a bug, still shown plainly.
        crash = `Something went wrong while answering: ${message(err)}`;
      }
      controller = null;
      const final = finalState({ result, text, crash, aborted: signal.aborted, analysis, notes: learning.refs, told });
      const row: Partial<ChatRecord> = { ...final, retries, updatedAt: now() };
      patchTurn(key, { ...row, waiting: undefined });
      set({ answering: null });
      await save.now(row);
    };

    /** Settings and provider for a question; the provider is only built, nothing is sent. */
    const prepare = async (): Promise<{ settings: CopilotSettings; provider: Provider | null; label: string; problem?: string }> => {
      // lib/settings falls back to defaults itself; a port that still fails gets the offline engine,
      // which sends nothing anywhere (local first), and the person is told why.
      const settings = await loadSettings().catch((err: unknown): CopilotSettings => {
        set({ chatProblem: `Loupe could not read its settings, so the offline engine answers: ${message(err)}` });
        return { provider: { provider: 'offline' }, redaction: RedactionSettings.parse({}), paused: false, plainLanguage: false };
      });
      if (settings.paused) return { settings, provider: null, label: 'Paused' };
      try {
        const provider = makeProvider(settings.provider);
        return { settings, provider, label: provider.label };
      } catch (err) {
        return { settings, provider: null, label: settings.provider.provider, problem: `Loupe could not set up the provider: ${message(err)}` };
      }
    };

    return {
      chatBoard: null,
      chatLoad: 'idle',
      chatProblem: null,
      turns: [],
      answering: null,
      async loadChat() {
        const snapshot = get().snapshot;
        if (!snapshot) return;
        const board = dashboardKey(snapshot.url);
        if (get().chatBoard === board && get().chatLoad !== 'failed') return;
        const mine = ++latestLoad;
        set({ chatBoard: board, chatLoad: 'loading', chatProblem: null, turns: [] });
        try {
          const live = get().turns.filter((t) => t.status === 'streaming' && t.id !== undefined).map((t) => t.id as number);
          const rows = await chatsForDashboard(database(), board, { live, now: now() });
          if (mine !== latestLoad) return;
          set({ turns: rows.map((r) => ({ ...r, key: `row-${r.id}` })), chatLoad: 'ready' });
        } catch (err) {
          if (mine !== latestLoad) return;
          set({ chatLoad: 'failed', chatProblem: `Loupe could not load this dashboard’s conversation: ${message(err)}` });
        }
      },
      async ask(raw) {
        const question = raw.trim();
        const snapshot = get().snapshot;
        if (!question || !snapshot || get().answering) return;
        const board = dashboardKey(snapshot.url);
        if (get().chatBoard !== board) await get().loadChat();
        const key = `local-${++localSeq}`;
        set({ answering: key });
        const { settings, provider, label, problem } = await prepare();
        const at = now();
        const draft = {
          dashboard: board, question, answer: '', status: 'streaming' as const, provider: label,
          createdAt: at, updatedAt: at, ...(problem ? { error: problem } : {}),
        };
        let saved: ChatRecord;
        try {
          // Saved before any network call: a failure later (or a closed panel) loses nothing.
          saved = await addChat(database(), draft);
        } catch (err) {
          set({ chatProblem: `Loupe could not save your question, so it will not be kept after the panel closes: ${message(err)}` });
          saved = { ...draft, retries: [], citations: [], unsupported: 0, marks: [], evidenceIds: [], evidence: [] };
        }
        set({ turns: [...get().turns, { ...saved, key }] });
        await answer(key, question, snapshot, settings, provider);
      },
      stopAnswer() {
        controller?.abort();
      },
      async retryTurn(key) {
        const turn = turnOf(key);
        const snapshot = get().snapshot;
        if (!turn || !snapshot || get().answering) return;
        set({ answering: key });
        const { settings, provider, label, problem } = await prepare();
        const reset: Partial<ChatRecord> = {
          answer: '', status: 'streaming', error: problem, retryable: undefined, retries: [], citations: [],
          unsupported: 0, marks: [], provider: label, updatedAt: now(),
        };
        patchTurn(key, reset);
        if (turn.id !== undefined) await updateChat(database(), turn.id, reset).catch(() => undefined);
        await answer(key, turn.question, snapshot, settings, provider);
      },
      async describeNext(question) {
        const { settings, provider, label } = await prepare();
        const snapshot = get().snapshot;
        const analysis = snapshot ? evidenceFor(snapshot) : { evidence: [], findings: [] };
        const learning = snapshot ? await chatLearning(database(), snapshot, analysis.findings).catch(() => NO_LEARNING) : NO_LEARNING;
        const { request, redactions } = buildRequest({
          question: question.trim() || '(your question)', snapshot: snapshot ?? undefined,
          evidence: analysis.evidence, findings: analysis.findings, notes: learning.notes, feedback: learning.feedback, history: historyOf(get().turns, null, HISTORY_TURNS),
          plainLanguage: settings.plainLanguage, redaction: settings.redaction,
          tools: provider?.supportsTools ? TOOL_SPECS : undefined,
        });
        const description: RequestDescription = settings.paused
          ? { sent: false, method: 'POST', url: null, headers: {}, body: null, note: 'Pause AI is on: nothing is sent.' }
          : describeRequest(request, settings.provider);
        return { description, provider: label, paused: settings.paused, redactions };
      },
    };
  };
};
