import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { computeEvidence } from '../../../lib/evidence';
import { buildRequest, describeRequest } from '../../../lib/copilot/prompt';
import { finalState } from '../../../lib/stores/chat-answer';
import {
  createChromeAiProvider, detectLanguageModel, NEEDS_MODEL, selectProvider, type LanguageModelLike,
} from '../../../lib/copilot/providers';
// @ts-expect-error plain .mjs fixture without type declarations
import { startLlmServer } from '../../fixtures/llm-server.mjs';
import { board } from '../../fixtures/llm-scripts/board';

interface Srv { url: string; requests: { method: string; path: string; headers: Record<string, string>; body: any }[]; setScript(s: object[]): void; close(): Promise<void> }

const KEY = 'sk-loupe-test-key-0123456789';
let srv: Srv;
let other: Srv; // "another host": must never see a request
const snap = board();
const { evidence, findings } = computeEvidence(snap);
const question = 'What happened to activation?';
const built = () => buildRequest({ question, snapshot: snap, evidence, findings }).request;

beforeAll(async () => {
  srv = await startLlmServer();
  other = await startLlmServer({ host: '127.0.0.2' });
});
afterAll(async () => { await srv.close(); await other.close(); });
beforeEach(() => { srv.requests.length = 0; });

describe('selectProvider', () => {
  it('defaults to offline and labels each provider', () => {
    expect(selectProvider({}).id).toBe('offline');
    expect(selectProvider({}).label).toBe('Offline');
    expect(selectProvider({ provider: 'openai', apiKey: KEY }).label).toBe('OpenAI gpt-4o-mini');
    expect(selectProvider({ provider: 'compatible', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' }).label).toBe('Ollama llama3.1');
    expect(selectProvider({ provider: 'compatible', baseUrl: srv.url, model: 'test-model' }).label).toMatch(/^127\.0\.0\.1:\d+ test-model$/);
    expect(selectProvider({ provider: 'chrome-ai' }, { languageModel: null }).label).toBe('Chrome built-in AI');
  });

  it('rejects settings that cannot work, with messages for the form', () => {
    expect(() => selectProvider({ provider: 'compatible', model: 'x' })).toThrow(ZodError);
    expect(() => selectProvider({ provider: 'compatible', baseUrl: srv.url })).toThrow(/Name the model/);
    expect(() => selectProvider({ provider: 'openai', baseUrl: 'file:///etc/passwd' })).toThrow(ZodError);
  });

  it('OpenAI without a key is unavailable and says so without sending anything', async () => {
    const p = selectProvider({ provider: 'openai', baseUrl: srv.url });
    expect(await p.available()).toBe(false);
    const r = await p.chat(built());
    expect(r.error).toMatchObject({ kind: 'auth', retryable: false });
    expect(r.error?.message).toMatch(/API key/);
    expect(srv.requests).toHaveLength(0);
  });

  it('a compatible server is available while it answers /models', async () => {
    expect(await selectProvider({ provider: 'compatible', baseUrl: srv.url, model: 'test-model' }).available()).toBe(true);
    const gone = await startLlmServer();
    const url = gone.url;
    await gone.close();
    expect(await selectProvider({ provider: 'compatible', baseUrl: url, model: 'test-model' }).available()).toBe(false);
  });
});

describe('OpenAI-compatible provider', () => {
  it('streams deltas in order, reports usage and assembles tool calls', async () => {
    srv.setScript([{ text: ['Activation ', 'fell ', '15.3% ', '[E6].'], toolCalls: [{ id: 'c1', name: 'list_findings', arguments: {} }] }]);
    const p = selectProvider({ provider: 'compatible', baseUrl: srv.url, model: 'test-model' });
    const deltas: string[] = [];
    const r = await p.chat(built(), { onDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Activation ', 'fell ', '15.3% ', '[E6].']);
    expect(r).toMatchObject({ text: 'Activation fell 15.3% [E6].', finishReason: 'tool_calls', incomplete: false });
    expect(r.toolCalls).toEqual([{ id: 'c1', name: 'list_findings', arguments: '{}' }]);
    expect(r.usage?.totalTokens).toBeGreaterThan(0);
    expect(srv.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true }, model: 'test-model' });
  });

  it('sends the key only in the Authorization header, only to the configured base URL', async () => {
    srv.setScript([{ text: 'ok' }]);
    const p = selectProvider({ provider: 'openai', baseUrl: srv.url, apiKey: KEY });
    await p.chat(built());
    expect(srv.requests).toHaveLength(1);
    const req = srv.requests[0];
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    const otherHeaders = Object.entries(req.headers).filter(([k]) => k !== 'authorization');
    expect(JSON.stringify(otherHeaders)).not.toContain(KEY);
    expect(JSON.stringify(req.body)).not.toContain(KEY);
    expect(JSON.stringify(req.body)).not.toContain('sk-');
    expect(other.requests).toHaveLength(0);
  });

  it('sends no Authorization header at all when a local server has no key', async () => {
    srv.setScript([{ text: 'ok' }]);
    await selectProvider({ provider: 'compatible', baseUrl: srv.url, model: 'llama3.1' }).chat(built());
    expect(srv.requests[0].headers.authorization).toBeUndefined();
  });

  it('describeRequest shows exactly the body and URL that are sent, with the key masked', async () => {
    srv.setScript([{ text: 'ok' }]);
    const settings = { provider: 'openai' as const, baseUrl: srv.url, apiKey: KEY, model: 'gpt-4o-mini' };
    const request = built();
    const shown = describeRequest(request, settings);
    await selectProvider(settings).chat(request);
    const sent = srv.requests[0];
    expect(shown.url).toBe(`${srv.url}/chat/completions`);
    expect(sent.path).toBe(new URL(shown.url as string).pathname);
    expect(sent.body).toEqual(JSON.parse(JSON.stringify(shown.body)));
    expect(shown.headers.Authorization).toBe('Bearer sk-…6789');
    expect(JSON.stringify(shown)).not.toContain(KEY);
    // The offline engine's objects never go on the wire.
    expect(JSON.stringify(sent.body)).not.toContain('"local"');
    expect(describeRequest(request, { provider: 'offline' })).toMatchObject({ sent: false, url: null, body: null });
  });
});

describe('offline provider', () => {
  it('answers from findings with citations and says what needs a model, without the network', async () => {
    const p = selectProvider({ provider: 'offline' });
    expect(await p.available()).toBe(true);
    const deltas: string[] = [];
    const r = await p.chat(built(), { onDelta: (d) => deltas.push(d) });
    expect(r.text).toContain('Activation rate fell 15.3% from Oct 10, 2026 [E6][E1]');
    expect(r.text).toContain(NEEDS_MODEL);
    expect(deltas.join('')).toBe(r.text);
    expect(srv.requests).toHaveLength(0);
  });

  it('says where what people told Loupe changed the answer, and their numbers are theirs, not claims', async () => {
    const told = ["Lowered confidence in “Activation rate fell 15.3% from Oct 10, 2026” (confidence high → low): Sam flagged this on Nov 26: 'The 1 Nov drop was a tracking outage'."];
    const request = buildRequest({ question, snapshot: snap, evidence, findings, told }).request;
    const r = await selectProvider({ provider: 'offline' }).chat(request);
    expect(r.text).toContain('What you told Loupe changed this answer:\n- Lowered confidence in “Activation rate fell 15.3% from Oct 10, 2026”');
    expect(r.text).toContain('Sam flagged this on Nov 26: “The 1 Nov drop was a tracking outage”.');
    expect(r.text.indexOf('What you told Loupe')).toBeLessThan(r.text.indexOf(NEEDS_MODEL));
    const { unsupported } = finalState({ text: r.text, aborted: false, analysis: { evidence, findings }, told });
    expect(unsupported).toBe(0);
    // Read as Loupe's own words (nobody told it this), its dates would be unsupported claims.
    expect(finalState({ text: r.text, aborted: false, analysis: { evidence, findings } }).unsupported).toBeGreaterThan(0);
    // Never on the wire.
    expect(JSON.stringify(describeRequest(request, { provider: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }).body)).not.toContain('tracking outage');
  });
});

describe('Chrome built-in AI', () => {
  it('is not available in Node, nor when the API is absent', async () => {
    expect(detectLanguageModel()).toBeUndefined();
    expect(detectLanguageModel({ window: { ai: {} } })).toBeUndefined();
    expect(await selectProvider({ provider: 'chrome-ai' }).available()).toBe(false);
    const r = await createChromeAiProvider(undefined).chat(built());
    expect(r.error).toMatchObject({ kind: 'unavailable', retryable: false });
  });

  it('uses an API that is present (stubbed here; no test needs the real one)', async () => {
    const seen: { initial?: unknown; prompt?: string } = {};
    const stub: LanguageModelLike = {
      availability: async () => 'available',
      create: async (o) => {
        seen.initial = o?.initialPrompts;
        return { promptStreaming: async function* (input: string) { seen.prompt = input; yield 'Fell '; yield '15.3% [E6].'; } };
      },
    };
    expect(detectLanguageModel({ LanguageModel: stub })).toBe(stub);
    const p = selectProvider({ provider: 'chrome-ai' }, { languageModel: stub });
    expect(p.supportsTools).toBe(false);
    expect(await p.available()).toBe(true);
    const deltas: string[] = [];
    const r = await p.chat(built(), { onDelta: (d) => deltas.push(d) });
    expect(r.text).toBe('Fell 15.3% [E6].');
    expect(deltas).toEqual(['Fell ', '15.3% [E6].']);
    expect(seen.prompt).toContain('Question: What happened to activation?');
    expect(seen.initial).toEqual([expect.objectContaining({ role: 'system' })]);
    const old = { capabilities: async () => ({ available: 'after-download' }), create: stub.create };
    expect(await createChromeAiProvider(old).available()).toBe(false);
  });
});
