import { DEFAULT_OPENAI_MODEL, OPENAI_BASE_URL } from '@/lib/copilot/settings';
import { PROVIDER_IDS, type ProviderId } from '@/lib/copilot/types';
import type { SettingsDraft } from '@/lib/stores/settings-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { SettingsField } from './SettingsField';

const NAMES: Record<ProviderId, string> = {
  offline: 'Offline (nothing leaves this browser)',
  openai: 'OpenAI',
  compatible: 'OpenAI-compatible server',
  'chrome-ai': 'Chrome built-in AI',
};

/** Provider, address, model and key. Values stay as typed until they are valid and saved. */
export function SettingsProvider({ draft }: { draft: SettingsDraft }) {
  const errors = usePanel((s) => s.settingsErrors);
  const chromeAi = usePanel((s) => s.chromeAiAvailable);
  const edit = usePanel((s) => s.editDraft);
  // Chrome's model is offered only where it exists (or was chosen before, so the choice stays visible).
  const ids = PROVIDER_IDS.filter((id) => id !== 'chrome-ai' || chromeAi || draft.provider === 'chrome-ai');
  const http = draft.provider === 'openai' || draft.provider === 'compatible';
  const target = draft.provider === 'openai' ? OPENAI_BASE_URL : draft.baseUrl.trim() || 'the base URL above';

  return (
    <fieldset className="settings-group">
      <legend>Model provider</legend>
      <SettingsField label="Provider">
        {(p) => (
          <select {...p} value={draft.provider} onChange={(e) => edit({ provider: e.target.value as ProviderId })}>
            {ids.map((id) => <option key={id} value={id}>{NAMES[id]}</option>)}
          </select>
        )}
      </SettingsField>
      {draft.provider === 'compatible' && (
        <SettingsField label="Base URL" error={errors.baseUrl}
          hint="Examples: Ollama http://localhost:11434/v1 · LM Studio http://localhost:1234/v1 · vLLM http://localhost:8000/v1 · Azure https://NAME.openai.azure.com/openai/v1 · OpenRouter https://openrouter.ai/api/v1">
          {(p) => <input {...p} type="url" inputMode="url" autoComplete="off" spellCheck={false} value={draft.baseUrl}
            placeholder="http://localhost:11434/v1" onChange={(e) => edit({ baseUrl: e.target.value })} />}
        </SettingsField>
      )}
      {http && (
        <>
          <SettingsField label="Model" error={errors.model}
            hint={draft.provider === 'openai' ? `Leave empty for ${DEFAULT_OPENAI_MODEL}.` : 'As the server names it, e.g. llama3.1'}>
            {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} value={draft.model}
              placeholder={draft.provider === 'openai' ? DEFAULT_OPENAI_MODEL : 'llama3.1'} onChange={(e) => edit({ model: e.target.value })} />}
          </SettingsField>
          <SettingsField label="API key" error={errors.apiKey}
            hint={`Stored only in this browser, sent only to ${target}.${draft.provider === 'compatible' ? ' Local servers usually need none.' : ''}`}>
            {(p) => <input {...p} type="password" autoComplete="off" spellCheck={false} value={draft.apiKey}
              onChange={(e) => edit({ apiKey: e.target.value })} />}
          </SettingsField>
        </>
      )}
    </fieldset>
  );
}
