import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../fixtures/llm-server.mjs';
import { parseDraft, providerLabelOf, testConnection, draftOf, DEFAULT_SETTINGS } from '@/lib/stores/settings-slice';

// "Test connection" against the local OpenAI-compatible server on loopback (never another host).
describe('testConnection', () => {
  let srv: { url: string; requests: Array<{ path: string; headers: Record<string, string> }>; close(): Promise<void> };
  beforeAll(async () => { srv = await startLlmServer({ apiKey: 'sk-right-key-123456' }); });
  afterAll(async () => { await srv.close(); });

  it('counts the models with the right key, sent only as Authorization to that server', async () => {
    const r = await testConnection({ provider: 'compatible', baseUrl: srv.url, model: 'test-model', apiKey: 'sk-right-key-123456' });
    expect(r).toMatchObject({ ok: true, message: 'Connected: 3 models.' });
    expect(srv.requests.at(-1)).toMatchObject({ path: '/v1/models', headers: { authorization: 'Bearer sk-right-key-123456' } });
  });

  it('says when the model is not among them, when the key is wrong, and when no server answers', async () => {
    expect((await testConnection({ provider: 'compatible', baseUrl: srv.url, model: 'gpt-9', apiKey: 'sk-right-key-123456' })).message)
      .toBe('Connected: 3 models. “gpt-9” is not among them.');
    expect(await testConnection({ provider: 'compatible', baseUrl: srv.url, model: 'test-model', apiKey: 'sk-wrong' }))
      .toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/^Wrong key \(401\)/) });
    expect(await testConnection({ provider: 'compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'm' }))
      .toMatchObject({ ok: false, message: 'No server at http://127.0.0.1:1/v1. Is it running, and is the address right?' });
    expect(await testConnection({ provider: 'compatible', baseUrl: srv.url.replace(/\/v1$/, ''), model: 'm', apiKey: 'sk-right-key-123456' }))
      .toMatchObject({ ok: false, status: 404 });
  });

  it('offline needs no connection', async () => {
    expect(await testConnection({ provider: 'offline' })).toMatchObject({ ok: true });
  });
});

describe('settings form parsing and labels', () => {
  it('labels each provider as the header shows it', () => {
    expect(providerLabelOf({ provider: 'offline' })).toBe('Offline');
    expect(providerLabelOf({ provider: 'openai' })).toBe('OpenAI gpt-4o-mini');
    expect(providerLabelOf({ provider: 'compatible', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' })).toBe('Ollama llama3.1');
  });

  it('keeps no address, model or key for providers that send nothing', () => {
    const draft = { ...draftOf(DEFAULT_SETTINGS), provider: 'offline' as const, baseUrl: 'junk', apiKey: 'sk-x' };
    expect(parseDraft(draft)).toMatchObject({ ok: true, provider: { provider: 'offline' } });
  });

  it('round-trips saved settings through the draft', () => {
    const saved = { ...DEFAULT_SETTINGS, provider: { provider: 'compatible' as const, baseUrl: 'http://127.0.0.1:8787/v1', model: 'm', apiKey: 'k' } };
    expect(parseDraft(draftOf(saved))).toEqual({ ok: true, provider: saved.provider, redaction: saved.redaction, plainLanguage: false });
  });
});
