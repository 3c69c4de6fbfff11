import { z } from 'zod';
import { PROVIDER_IDS } from './types';

// Provider settings as the options form stores them. Kept apart from the providers (which pull in the
// SDK) so prompt.ts can describe a request without loading any network code.

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export const ProviderSettings = z.object({
  provider: z.enum(PROVIDER_IDS).default('offline'),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  model: z.string().trim().min(1).max(200).optional(),
  apiKey: z.string().trim().max(500).optional(),
}).superRefine((s, ctx) => {
  if (s.provider === 'compatible' && !s.baseUrl) {
    ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'An OpenAI-compatible provider needs a base URL, e.g. http://localhost:11434/v1' });
  }
  if (s.provider === 'compatible' && !s.model) {
    ctx.addIssue({ code: 'custom', path: ['model'], message: 'Name the model to use, e.g. llama3.1' });
  }
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;
export type ProviderSettingsInput = z.input<typeof ProviderSettings>;

/** Where a request goes and with which model; undefined for providers that send nothing over HTTP. */
export function endpointOf(s: ProviderSettings): { baseUrl: string; model: string } | undefined {
  if (s.provider === 'openai') return { baseUrl: s.baseUrl ?? OPENAI_BASE_URL, model: s.model ?? DEFAULT_OPENAI_MODEL };
  if (s.provider === 'compatible' && s.baseUrl && s.model) return { baseUrl: s.baseUrl, model: s.model };
  return undefined;
}
