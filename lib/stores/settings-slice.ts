import type { StateCreator } from 'zustand/vanilla';
import { RedactionSettings } from '@/lib/copilot/redact';
import { createChromeAiProvider, detectLanguageModel, selectProvider } from '@/lib/copilot/providers';
import { endpointOf, ProviderSettings } from '@/lib/copilot/settings';
import type { ProviderId } from '@/lib/copilot/types';
import {
  loadCopilotSettings, pauseAi, plainLanguage, providerSettings, redactionSettings, type CopilotSettings,
} from '@/lib/settings';
import type { PanelState } from './panel-store';

// The settings view's state: the saved settings (from lib/settings.ts, the one declaration), the form
// draft (kept in the store so closing the view or a failed save never loses what was typed), and the
// last connection test. Storage and network sit behind SettingsApi so tests can fake both.

export type ConnectionResult = { ok: boolean; message: string; status?: number };

export interface SettingsApi {
  load(): Promise<CopilotSettings>;
  save(s: Pick<CopilotSettings, 'provider' | 'redaction' | 'plainLanguage'>): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  /** Calls back when any setting changes elsewhere (another panel, the options page). */
  watch(cb: () => void): () => void;
  testConnection(s: ProviderSettings): Promise<ConnectionResult>;
  chromeAiAvailable(): Promise<boolean>;
}

/** What the form holds: text as typed, so an invalid value stays on screen to be fixed. */
export interface SettingsDraft {
  provider: ProviderId;
  baseUrl: string;
  model: string;
  apiKey: string;
  redact: boolean;
  emails: boolean;
  /** One regular expression a line. */
  idPatterns: string;
  /** One name a line. */
  names: string;
  plainLanguage: boolean;
}
export type DraftField = keyof SettingsDraft;

export const DEFAULT_SETTINGS: CopilotSettings = {
  provider: { provider: 'offline' }, redaction: RedactionSettings.parse({}), paused: false, plainLanguage: false,
};

export function draftOf(s: CopilotSettings): SettingsDraft {
  return {
    provider: s.provider.provider, baseUrl: s.provider.baseUrl ?? '', model: s.provider.model ?? '',
    apiKey: s.provider.apiKey ?? '', redact: s.redaction.enabled, emails: s.redaction.emails,
    idPatterns: s.redaction.idPatterns.join('\n'), names: s.redaction.names.join('\n'), plainLanguage: s.plainLanguage,
  };
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
const opt = (s: string) => s.trim() || undefined;

export type ParsedDraft =
  | { ok: true; provider: ProviderSettings; redaction: RedactionSettings; plainLanguage: boolean }
  | { ok: false; errors: Partial<Record<DraftField, string>> };

/** Validates the form; every message says what to type instead. */
export function parseDraft(d: SettingsDraft): ParsedDraft {
  const errors: Partial<Record<DraftField, string>> = {};
  // Offline and Chrome's model send nothing over HTTP: no address, model or key is kept for them.
  const http = d.provider === 'openai' || d.provider === 'compatible';
  const p = ProviderSettings.safeParse(http
    ? { provider: d.provider, baseUrl: d.provider === 'compatible' ? opt(d.baseUrl) : undefined, model: opt(d.model), apiKey: opt(d.apiKey) }
    : { provider: d.provider });
  if (!p.success) {
    for (const i of p.error.issues) {
      const field = i.path[0];
      if (field === 'baseUrl') {
        errors.baseUrl = i.code === 'custom' ? i.message
          : 'Enter a full address starting with http:// or https://, e.g. http://localhost:11434/v1';
      } else if (field === 'model' || field === 'apiKey') {
        errors[field] ??= i.code === 'custom' ? i.message : field === 'model' ? 'Model names are 1 to 200 characters.' : 'That key is too long to be an API key.';
      }
    }
  }
  const names = lines(d.names);
  const patterns = lines(d.idPatterns);
  const r = RedactionSettings.safeParse({ enabled: d.redact, emails: d.emails, idPatterns: patterns, names });
  if (!r.success) {
    for (const i of r.error.issues) {
      const [field, index] = i.path;
      const line = typeof index === 'number' ? `Line ${index + 1} (“${(field === 'names' ? names : patterns)[index]}”): ` : '';
      if (field === 'idPatterns') errors.idPatterns ??= `${line}${i.message === 'Not a valid regular expression' ? 'not a valid regular expression' : i.message}.`;
      if (field === 'names') errors.names ??= `${line}names are 2 to 100 characters.`;
    }
  }
  if (!p.success || !r.success) return { ok: false, errors };
  return { ok: true, provider: p.data, redaction: r.data, plainLanguage: d.plainLanguage };
}

/** The header's "Offline" / "OpenAI gpt-4o-mini" / "Ollama llama3.1": the provider's own label. */
export function providerLabelOf(s: ProviderSettings): string {
  try {
    return selectProvider(s).label;
  } catch {
    return 'Offline';
  }
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Lists the server's models with the saved key: the cheapest call that proves address and key. */
export async function testConnection(s: ProviderSettings, opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<ConnectionResult> {
  if (s.provider === 'offline') return { ok: true, message: 'Offline needs no connection: answers are made on this device.' };
  if (s.provider === 'chrome-ai') {
    const ok = await createChromeAiProvider(detectLanguageModel()).available();
    return ok ? { ok, message: 'Chrome’s built-in AI is ready.' } : { ok, message: 'Chrome’s built-in AI is not available in this browser.' };
  }
  const target = endpointOf(s);
  if (!target) return { ok: false, message: 'Enter a base URL and a model first.' };
  const url = `${target.baseUrl.replace(/\/+$/, '')}/models`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (s.apiKey) headers.Authorization = `Bearer ${s.apiKey}`;
  const timeoutMs = opts.timeoutMs ?? 8000;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    return { ok: false, message: timedOut ? `No answer from ${target.baseUrl} within ${timeoutMs / 1000} s.` : `No server at ${target.baseUrl}. Is it running, and is the address right?` };
  }
  if (res.status === 401 || res.status === 403) return { ok: false, status: res.status, message: `Wrong key (${res.status}): ${target.baseUrl} refused it.` };
  if (res.status === 404) return { ok: false, status: 404, message: `Nothing at ${url} (404). Base URLs usually end in /v1.` };
  if (!res.ok) return { ok: false, status: res.status, message: `The server answered ${res.status}. Try again in a moment.` };
  const body: unknown = await res.json().catch(() => null);
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return { ok: false, status: res.status, message: `${url} did not answer like an OpenAI-compatible server.` };
  const ids = data.map((m: unknown) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string');
  const missing = ids.length && !ids.includes(target.model) ? ` “${target.model}” is not among them.` : '';
  return { ok: true, status: res.status, message: `Connected: ${plural(ids.length, 'model')}.${missing}` };
}

/** The real storage (WXT items, storage.local) and network. */
export function storageSettingsApi(): SettingsApi {
  return {
    load: loadCopilotSettings,
    async save(s) {
      await Promise.all([providerSettings.setValue(s.provider), redactionSettings.setValue(s.redaction), plainLanguage.setValue(s.plainLanguage)]);
    },
    setPaused: (paused) => pauseAi.setValue(paused),
    watch(cb) {
      const stops = [providerSettings.watch(cb), redactionSettings.watch(cb), pauseAi.watch(cb), plainLanguage.watch(cb)];
      return () => stops.forEach((stop) => stop());
    },
    testConnection: (s) => testConnection(s),
    chromeAiAvailable: () => createChromeAiProvider(detectLanguageModel()).available(),
  };
}

export interface SettingsSlice {
  settingsOpen: boolean;
  copilotSettings: CopilotSettings;
  /** Stored values that were unreadable and replaced by defaults (from loadCopilotSettings). */
  settingsProblems: string[];
  chromeAiAvailable: boolean;
  /** The form as typed; null until the view is first opened. */
  settingsDraft: SettingsDraft | null;
  settingsErrors: Partial<Record<DraftField, string>>;
  settingsSaveStatus: 'idle' | 'saving' | 'saved' | 'invalid' | 'failed';
  connectionTest: { status: 'idle' | 'testing' | 'done'; result?: ConnectionResult };
  openSettings(): void;
  closeSettings(): void;
  /** Loads the saved settings and follows later changes; returns the stop function. */
  loadSettings(): Promise<() => void>;
  editDraft(patch: Partial<SettingsDraft>): void;
  saveSettings(): Promise<boolean>;
  setPauseAi(paused: boolean): Promise<void>;
  testDraftConnection(): Promise<void>;
}

export const createSettingsSlice = (api: SettingsApi): StateCreator<PanelState, [], [], SettingsSlice> => (set, get) => {
  const apply = (settings: CopilotSettings) =>
    set({ copilotSettings: settings, settingsProblems: settings.problems ?? [], providerLabel: providerLabelOf(settings.provider) });
  const reload = async () => apply(await api.load());
  return {
    settingsOpen: false,
    copilotSettings: DEFAULT_SETTINGS,
    settingsProblems: [],
    chromeAiAvailable: false,
    settingsDraft: null,
    settingsErrors: {},
    settingsSaveStatus: 'idle',
    connectionTest: { status: 'idle' },
    openSettings: () => set((s) => ({ settingsOpen: true, settingsDraft: s.settingsDraft ?? draftOf(s.copilotSettings), settingsSaveStatus: 'idle' })),
    closeSettings: () => set({ settingsOpen: false }),
    async loadSettings() {
      const stop = api.watch(() => void reload());
      await reload();
      void api.chromeAiAvailable().then((ok) => set({ chromeAiAvailable: ok }), () => set({ chromeAiAvailable: false }));
      return stop;
    },
    editDraft(patch) {
      const draft = { ...(get().settingsDraft ?? draftOf(get().copilotSettings)), ...patch };
      const settingsErrors = { ...get().settingsErrors };
      for (const k of Object.keys(patch) as DraftField[]) delete settingsErrors[k];
      // A result for other settings would mislead: the next test runs on what is typed now.
      set({ settingsDraft: draft, settingsErrors, settingsSaveStatus: 'idle', connectionTest: { status: 'idle' } });
    },
    async saveSettings() {
      const draft = get().settingsDraft ?? draftOf(get().copilotSettings);
      const parsed = parseDraft(draft);
      if (!parsed.ok) {
        set({ settingsErrors: parsed.errors, settingsSaveStatus: 'invalid' });
        return false;
      }
      set({ settingsErrors: {}, settingsSaveStatus: 'saving' });
      try {
        await api.save({ provider: parsed.provider, redaction: parsed.redaction, plainLanguage: parsed.plainLanguage });
        await reload();
        set({ settingsSaveStatus: 'saved', settingsDraft: draftOf(get().copilotSettings) });
        return true;
      } catch {
        set({ settingsSaveStatus: 'failed' });
        return false;
      }
    },
    async setPauseAi(paused) {
      set({ copilotSettings: { ...get().copilotSettings, paused } });
      await api.setPaused(paused);
    },
    async testDraftConnection() {
      const parsed = parseDraft(get().settingsDraft ?? draftOf(get().copilotSettings));
      if (!parsed.ok) {
        set({ settingsErrors: parsed.errors, connectionTest: { status: 'idle' } });
        return;
      }
      set({ connectionTest: { status: 'testing' } });
      const result = await api.testConnection(parsed.provider)
        .catch((err: unknown) => ({ ok: false, message: `The test failed: ${err instanceof Error ? err.message : String(err)}` }));
      set({ connectionTest: { status: 'done', result } });
    },
  };
};
