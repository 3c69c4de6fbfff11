import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_ID_PATTERNS } from '@/lib/copilot/redact';
import { loadCopilotSettings, pauseAi, plainLanguage, providerSettings, redactionSettings } from '@/lib/settings';

describe('copilot settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('defaults: offline, redaction on with the default patterns, not paused, not plain', async () => {
    const s = await loadCopilotSettings();
    expect(s).toEqual({
      provider: { provider: 'offline' },
      redaction: { enabled: true, emails: true, idPatterns: DEFAULT_ID_PATTERNS, names: [] },
      paused: false,
      plainLanguage: false,
    });
    expect(s.problems).toBeUndefined();
  });

  it('round-trips every setting', async () => {
    const provider = { provider: 'compatible' as const, baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', apiKey: 'sk-test' };
    const redaction = { enabled: false, emails: false, idPatterns: ['acct_[0-9]+'], names: ['Ann Lee'] };
    await providerSettings.setValue(provider);
    await redactionSettings.setValue(redaction);
    await pauseAi.setValue(true);
    await plainLanguage.setValue(true);
    expect(await loadCopilotSettings()).toEqual({ provider, redaction, paused: true, plainLanguage: true });
  });

  it('an invalid stored value falls back to its default with a clear problem that never quotes the key', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({
      provider: { provider: 'compatible', baseUrl: 'not a url', model: 'm', apiKey: 'sk-secret-123' },
      redaction: { enabled: true, emails: true, idPatterns: ['(unclosed'], names: [] },
      pauseAi: 'yes',
    });
    const s = await loadCopilotSettings();
    expect(s.provider).toEqual({ provider: 'offline' });
    expect(s.redaction.idPatterns).toEqual(DEFAULT_ID_PATTERNS);
    expect(s.paused).toBe(false);
    expect(s.problems).toHaveLength(3);
    expect(s.problems?.[0]).toMatch(/Saved provider settings are invalid \(baseUrl: .+\); using the default/);
    expect(s.problems?.[1]).toMatch(/idPatterns\.0: Not a valid regular expression/);
    expect(s.problems?.join(' ')).not.toContain('sk-secret-123');
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0][0])).not.toContain('sk-secret-123');
  });

  it('an unknown provider id falls back to offline', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ provider: { provider: 'skynet' } });
    const s = await loadCopilotSettings();
    expect(s.provider).toEqual({ provider: 'offline' });
    expect(s.problems?.[0]).toMatch(/provider/);
  });

  it('stores the key in storage.local only, never storage.sync', async () => {
    await providerSettings.setValue({ provider: 'openai', apiKey: 'sk-only-here' });
    await redactionSettings.setValue({ enabled: true, emails: true, idPatterns: [], names: [] });
    await pauseAi.setValue(true);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toContain('sk-only-here');
  });
});
