import type { RetryPolicy } from '../errors';
import { endpointOf, ProviderSettings, type ProviderSettingsInput } from '../settings';
import type { Provider } from '../types';
import { createChromeAiProvider, detectLanguageModel, type LanguageModelLike } from './chrome-ai';
import { createOfflineProvider } from './offline';
import { createOpenAIProvider } from './openai';

// Which model answers. Offline is the default: nothing leaves the browser until a person picks a
// provider (design.md, "Local first"). The key is only ever handed to the SDK for the configured base
// URL, which puts it in the Authorization header of requests to that URL and nowhere else.

export interface ProviderEnv {
  /** The Prompt API; undefined means detect it on globalThis, null means there is none. */
  languageModel?: LanguageModelLike | null;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

/** "Ollama llama3.1", "LM Studio qwen2.5", else "<host> <model>". */
export function compatibleLabel(baseUrl: string, model: string): string {
  const u = new URL(baseUrl);
  const name = u.port === '11434' || /ollama/i.test(u.hostname) ? 'Ollama' : u.port === '1234' ? 'LM Studio' : u.host;
  return `${name} ${model}`;
}

/** Throws a ZodError for settings that make no sense; the settings form shows its messages. */
export function selectProvider(input: ProviderSettingsInput, env: ProviderEnv = {}): Provider {
  const s = ProviderSettings.parse(input);
  const common = { timeoutMs: env.timeoutMs, idleTimeoutMs: env.idleTimeoutMs, retry: env.retry, sleep: env.sleep, fetch: env.fetch };
  switch (s.provider) {
    case 'offline':
      return createOfflineProvider();
    case 'chrome-ai':
      return createChromeAiProvider(env.languageModel === null ? undefined : env.languageModel ?? detectLanguageModel());
    case 'openai':
    case 'compatible': {
      const { baseUrl, model } = endpointOf(s) as { baseUrl: string; model: string };
      const label = s.provider === 'openai' ? `OpenAI ${model}` : compatibleLabel(baseUrl, model);
      return createOpenAIProvider({ ...common, id: s.provider, baseUrl, model, apiKey: s.apiKey, label });
    }
  }
}

export { DEFAULT_OPENAI_MODEL, OPENAI_BASE_URL, ProviderSettings } from '../settings';
export type { ProviderSettingsInput } from '../settings';
export { createChromeAiProvider, detectLanguageModel } from './chrome-ai';
export type { LanguageModelLike, LanguageModelSession } from './chrome-ai';
export { createOfflineProvider, namedChart, NEEDS_MODEL, offlineAnswer, offlineAnswerFor } from './offline';
export { createOpenAIProvider } from './openai';
export type { OpenAIProviderOptions } from './openai';
