import type { StoreApi } from 'zustand/vanilla';
import { selectProvider, type ProviderSettingsInput } from '@/lib/copilot/providers';
import type { Provider } from '@/lib/copilot/types';
import { modelProposals, type ModelProposals } from '@/lib/guardrails/model-proposals';
import { templateProposals, type ProposalInput } from '@/lib/guardrails/proposals';
import type { Actor } from '@/lib/guardrails/schema';
import { matchNotes } from '@/lib/learning';
import { loadCopilotSettings } from '@/lib/settings';
import type { DraftsDeps } from './drafts-slice';
import { triageKey } from './findings-slice';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

// Where a finding's proposals come from (the drafts slice saves and logs them): the model's when a
// provider is set and AI is not paused, validated and replaced by the templates when unusable, with a
// note saying why; Loupe's templates otherwise. Settings are read fresh, as the chat does.

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);

export type Proposed = ModelProposals & { by?: Actor };

export function createProposer(api: PanelApi, deps: DraftsDeps, get: StoreApi<PanelState>['getState'], set: StoreApi<PanelState>['setState']) {
  const now = deps.now ?? (() => new Date().toISOString());
  const loadSettings = deps.loadSettings ?? (api.settings ? () => api.settings!.load() : loadCopilotSettings);
  const makeProvider = deps.provider ?? ((s: ProviderSettingsInput) => selectProvider(s));

  /** Proposals for a finding marked real: the model's when a provider is set and AI is not paused
   *  (validated, templates when unusable), Loupe's templates otherwise. Never throws. */
  return async function propose(t: ProposalInput): Promise<Proposed> {
    const templates = () => ({ proposals: templateProposals(t, now()) });
    const settings = await loadSettings().catch(() => null);
    if (!settings || settings.paused || get().copilotSettings.paused || settings.provider.provider === 'offline') return templates();
    let provider: Provider;
    try { provider = makeProvider(settings.provider); } catch (e) {
      return { ...templates(), note: `Loupe could not set up the provider (${msg(e)}), so these are Loupe's templates.` };
    }
    const snapshot = get().snapshot;
    const finding = snapshot ? get().analysis?.findings.find((f) => triageKey(snapshot, f) === t.key) : undefined;
    const notes = matchNotes(get().notes, { url: t.dashboard }).map((m) => ({ text: m.note.text, ...(m.note.by ? { by: m.note.by } : {}) }));
    set({ proposing: provider.label });
    try {
      const made = await modelProposals(t, provider, { finding, evidence: get().analysis?.evidence ?? [], snapshot: snapshot ?? undefined, notes, redaction: settings.redaction }, now());
      // Paused while the model answered: its proposals are not shown.
      if (get().copilotSettings.paused) return { ...templates(), note: 'AI was paused while the model answered, so these are Loupe\'s templates.' };
      return { ...made, by: { kind: 'model', name: provider.label.slice(0, 120) } };
    } finally { set({ proposing: null }); }
  };
}
