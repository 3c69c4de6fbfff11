import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY, fmtWait, retryAfterMs, retryDelay, toCopilotError, type CopilotError,
} from '../../../lib/copilot/errors';
import { selectProvider, type ProviderEnv } from '../../../lib/copilot/providers';
import type { ChatRequest, RetryInfo } from '../../../lib/copilot/types';
// @ts-expect-error plain .mjs fixture without type declarations
import { ERRORS, startLlmServer } from '../../fixtures/llm-server.mjs';

interface Srv { url: string; requests: unknown[]; setScript(s: object[]): void; close(): Promise<void> }

let srv: Srv;
const request: ChatRequest = { messages: [{ role: 'user', content: 'What changed?' }] };
const waits: number[] = [];
// Recorded instead of waited, so retry tests stay fast; one test below waits for real.
const fastEnv: ProviderEnv = { sleep: async (ms) => { waits.push(ms); }, retry: { baseDelayMs: 10 } };
const provider = (env: ProviderEnv = fastEnv, model = 'test-model') =>
  selectProvider({ provider: 'compatible', baseUrl: srv.url, model }, env);

beforeAll(async () => { srv = await startLlmServer(); });
afterAll(() => srv.close());
beforeEach(() => { srv.requests.length = 0; waits.length = 0; });

describe('error mapping (pure)', () => {
  it('reads Retry-After in seconds, as a date, and retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '8' }))).toBe(8000);
    expect(retryAfterMs({ 'retry-after-ms': '250' })).toBe(250);
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, Date.parse('2026-01-01T00:00:00Z'))).toBe(30_000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(fmtWait(8000)).toBe('8 s');
    expect(fmtWait(120_000)).toBe('2 min');
  });

  it('backs off exponentially, never below what the server asked, and gives up past the cap', () => {
    const server: CopilotError = { kind: 'server', message: '', retryable: true };
    expect([1, 2, 3].map((a) => retryDelay(server, a))).toEqual([1000, 2000, null]);
    const limited: CopilotError = { kind: 'rate-limit', message: '', retryable: true, retryAfterMs: 8000 };
    expect([1, 2, 3, 4].map((a) => retryDelay(limited, a))).toEqual([8000, 8000, 8000, null]);
    expect(retryDelay({ ...limited, retryAfterMs: 120_000 }, 1)).toBeNull();
    expect(retryDelay({ kind: 'auth', message: '', retryable: false }, 1, DEFAULT_RETRY)).toBeNull();
  });

  it('maps shapes it was not built for to a plain unknown error', () => {
    expect(toCopilotError('boom')).toMatchObject({ kind: 'unknown', retryable: true });
    expect(toCopilotError({ status: 400, error: { message: 'bad' } })).toMatchObject({ kind: 'bad-request', detail: 'bad', retryable: false });
  });
});

describe('error mapping against the server', () => {
  it('401: the key was refused, not retried', async () => {
    const strict = await startLlmServer({ apiKey: 'sk-right-0123456789' });
    const p = selectProvider({ provider: 'openai', baseUrl: strict.url, apiKey: 'sk-wrong-0123456789' }, fastEnv);
    const r = await p.chat(request);
    await strict.close();
    expect(r.error).toMatchObject({ kind: 'auth', status: 401, retryable: false });
    expect(r.error?.message).toBe('The provider refused the API key. Check the key in Loupe’s settings.');
    expect(strict.requests).toHaveLength(1);
  });

  it('404: an unknown model is named', async () => {
    const r = await provider(fastEnv, 'gpt-9').chat(request);
    expect(r.error).toMatchObject({ kind: 'model-not-found', status: 404, retryable: false });
    expect(r.error?.message).toContain('“gpt-9”');
  });

  it('429: waits as long as Retry-After says (for real), reports the wait, then succeeds', async () => {
    srv.setScript([ERRORS.rateLimit(1), { text: 'fine now' }]);
    const retries: RetryInfo[] = [];
    const t0 = Date.now();
    const r = await provider({}).chat(request, { onRetry: (i) => retries.push(i) });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(r).toMatchObject({ text: 'fine now', incomplete: false });
    expect(r.error).toBeUndefined();
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, waitMs: 1000, error: { kind: 'rate-limit', retryAfterMs: 1000 } });
    expect(retries[0].message).toBe('The provider is rate-limiting requests; retrying in 1 s.');
  });

  it('429 that asks for longer than Loupe waits: no retry, the message says when', async () => {
    srv.setScript([ERRORS.rateLimit(120)]);
    const r = await provider().chat(request);
    expect(waits).toEqual([]);
    expect(r.error?.message).toBe('The provider is limiting how often Loupe can ask. Try again in 2 min.');
  });

  it('500: retried with backoff, then success', async () => {
    srv.setScript([ERRORS.server(), ERRORS.unavailable(), { text: 'ok' }]);
    const r = await provider().chat(request);
    expect(r.text).toBe('ok');
    expect(waits).toEqual([10, 20]);
    expect(srv.requests).toHaveLength(3);
  });

  it('500 that persists: gives up after a few tries and says so', async () => {
    srv.setScript([{ ...ERRORS.server(), times: 5 }]);
    const r = await provider().chat(request);
    expect(r.error).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(r.error?.message).toMatch(/Loupe tried 3 times/);
    expect(srv.requests).toHaveLength(3);
  });

  it('a stream cut in the middle keeps the partial answer, marked incomplete, and is not retried', async () => {
    srv.setScript([{ text: 'Activation fell 15.3% [E6] because', cutAfter: 3 }, { text: 'never asked' }]);
    const deltas: string[] = [];
    const r = await provider().chat(request, { onDelta: (d) => deltas.push(d) });
    expect(r).toMatchObject({ text: 'Activation fell 15.3% ', incomplete: true, error: { kind: 'stream-cut', retryable: true } });
    expect(deltas.join('')).toBe(r.text);
    expect(srv.requests).toHaveLength(1);
  });

  it('timeout before the first byte, and a stall mid-stream', async () => {
    // Wide margins (the server waits 15× the timeout): the point is that Loupe gives up before the
    // server answers, which must hold on a loaded machine too.
    srv.setScript([{ delayMs: 3000, text: 'late' }, { text: ['one ', 'two ', 'three'], chunkDelayMs: 3000 }]);
    const env = { ...fastEnv, timeoutMs: 200, idleTimeoutMs: 200 };
    const t0 = Date.now();
    const r1 = await provider(env).chat(request);
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(r1.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(r1.error?.message).toMatch(/did not answer within/);
    const r2 = await provider(env).chat(request);
    expect(r2).toMatchObject({ text: 'one ', incomplete: true, error: { kind: 'timeout' } });
  });

  it('connection refused: no network', async () => {
    const gone = await startLlmServer();
    const url = gone.url;
    await gone.close();
    const r = await selectProvider({ provider: 'compatible', baseUrl: url, model: 'test-model' }, fastEnv).chat(request);
    expect(r.error).toMatchObject({ kind: 'network', retryable: true });
    expect(r.error?.message).toBe(`Could not reach the model at ${url}. Is the server running and the address right?`);
  });

  it('stop via AbortSignal: mid-stream keeps what arrived; during a retry wait stops at once', async () => {
    srv.setScript([{ text: ['a ', 'b ', 'c ', 'd'], chunkDelayMs: 150 }]);
    const ctl = new AbortController();
    const deltas: string[] = [];
    const r = await provider().chat(request, { signal: ctl.signal, onDelta: (d) => { deltas.push(d); if (deltas.length === 2) ctl.abort(); } });
    expect(r).toMatchObject({ text: 'a b ', incomplete: true, error: { kind: 'aborted' } });

    srv.setScript([ERRORS.rateLimit(5)]);
    const ctl2 = new AbortController();
    const t0 = Date.now();
    const r2 = await provider({ retry: { maxDelayMs: 10_000 } }).chat(request, { signal: ctl2.signal, onRetry: () => setTimeout(() => ctl2.abort(), 20) });
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(r2.error?.kind).toBe('aborted');
  });
});
