import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { ProviderSettings } from './copilot/settings';
import { RedactionSettings } from './copilot/redact';

// Every copilot setting, declared once. All live in storage.local: the API key must never leave this
// browser through storage.sync, and keeping the rest next to it means one place to read and migrate.
// WXT returns whatever is stored without checking it, so loadCopilotSettings validates each value and
// falls back to the default (with a readable problem) rather than letting a bad value reach a provider.

export const providerSettings = storage.defineItem<ProviderSettings>('local:provider', {
  fallback: { provider: 'offline' },
  version: 1,
});

export const redactionSettings = storage.defineItem<RedactionSettings>('local:redaction', {
  fallback: RedactionSettings.parse({}),
  version: 1,
});

export const pauseAi = storage.defineItem<boolean>('local:pauseAi', { fallback: false });

export const plainLanguage = storage.defineItem<boolean>('local:plainLanguage', { fallback: false });

export interface CopilotSettings {
  provider: ProviderSettings;
  redaction: RedactionSettings;
  paused: boolean;
  plainLanguage: boolean;
  /** Stored values that were unreadable and replaced by their defaults; absent when all were fine. */
  problems?: string[];
}

function describeIssues(error: z.ZodError): string {
  // Paths and messages only: an issue never quotes the stored value, so a key cannot leak into a log.
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

async function read<T>(label: string, item: { getValue(): Promise<unknown>; fallback: T }, schema: z.ZodType<T>,
  problems: string[]): Promise<T> {
  let raw: unknown;
  try {
    raw = await item.getValue();
  } catch (e) {
    problems.push(`${label} could not be read (${e instanceof Error ? e.message : String(e)}); using the default.`);
    return item.fallback;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(`Saved ${label} are invalid (${describeIssues(parsed.error)}); using the default until they are saved again.`);
  return item.fallback;
}

/** All copilot settings, validated; an invalid stored value falls back to its default and is reported. */
export async function loadCopilotSettings(): Promise<CopilotSettings> {
  const problems: string[] = [];
  const [provider, redaction, paused, plain] = await Promise.all([
    read('provider settings', providerSettings, ProviderSettings, problems),
    read('redaction settings', redactionSettings, RedactionSettings, problems),
    read('"Pause AI" settings', pauseAi, z.boolean(), problems),
    read('plain-language settings', plainLanguage, z.boolean(), problems),
  ]);
  if (problems.length) console.warn(`Loupe settings: ${problems.join(' ')}`);
  const out: CopilotSettings = { provider, redaction, paused, plainLanguage: plain };
  if (problems.length) out.problems = problems;
  return out;
}
