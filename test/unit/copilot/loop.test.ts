import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeEvidence } from '../../../lib/evidence';
import { runCopilot, type LoopInput } from '../../../lib/copilot/loop';
import { NEEDS_MODEL, selectProvider } from '../../../lib/copilot/providers';
// @ts-expect-error plain .mjs fixture without type declarations
import { ADVERSARIAL, ERRORS, startLlmServer } from '../../fixtures/llm-server.mjs';
import { board } from '../../fixtures/llm-scripts/board';

interface Chat { body: { messages: { role: string; content: string | null; tool_call_id?: string }[]; tools?: { function: { name: string } }[] } }
interface Srv { url: string; chats: Chat[]; requests: unknown[]; setScript(s: object[]): void; close(): Promise<void> }

let srv: Srv;
const snapshot = board();
const { evidence, findings } = computeEvidence(snapshot);
const N = evidence.length;
const provider = () => selectProvider({ provider: 'compatible', baseUrl: srv.url, model: 'test-model' },
  { sleep: async () => {}, retry: { baseDelayMs: 1 } });
const input = (over: Partial<LoopInput> = {}): LoopInput => ({
  provider: provider(), snapshot, prompt: { question: 'What happened to activation in October?', snapshot, evidence, findings }, ...over,
});
const toolMessages = (c: Chat) => c.body.messages.filter((m) => m.role === 'tool');

beforeAll(async () => { srv = await startLlmServer(); });
afterAll(() => srv.close());
beforeEach(() => { srv.requests.length = 0; });

describe('runCopilot', () => {
  it('runs a valid tool call, adds evidence, and the final answer cites it', async () => {
    srv.setScript([
      { match: { afterTool: false }, text: 'Let me compare.', toolCalls: [{ id: 'c1', name: 'compare_periods',
        arguments: { chartId: 'activation', a: { from: '2026-09-01', to: '2026-09-30' }, b: { from: '2026-10-10', to: '2026-10-23' } } }] },
      { match: { afterTool: true }, text: `Activation averaged 34.9% after Oct 10 versus 41.2% in September [E${N + 1}].` },
    ]);
    const deltas: string[] = [];
    const records: string[] = [];
    const r = await runCopilot(input({ onDelta: (d) => deltas.push(d), onToolCall: (t) => records.push(t.name) }));
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ incomplete: false, rounds: 2 });
    expect(r.answer).toBe(`Let me compare.\n\nActivation averaged 34.9% after Oct 10 versus 41.2% in September [E${N + 1}].`);
    expect(deltas.join('')).toBe(r.answer);
    expect(records).toEqual(['compare_periods']);
    expect(r.added.map((e) => e.id)).toEqual([`E${N + 1}`]);
    expect(r.evidence).toHaveLength(N + 1);
    expect(r.toolCalls[0]).toMatchObject({ id: 'c1', ok: true, addedEvidenceIds: [`E${N + 1}`] });
    // The second request carries the assistant's call and the tool's result for that call id.
    const second = srv.chats[1].body;
    expect(second.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'c1' }] });
    expect(JSON.parse(toolMessages(srv.chats[1])[0].content as string)).toMatchObject({ evidenceId: `E${N + 1}`, nBefore: 30, nAfter: 14 });
    expect(r.usage?.totalTokens).toBeGreaterThan(0);
  });

  it('answers malformed tool calls with error results and carries on', async () => {
    srv.setScript([
      { match: { turn: 0 }, toolCalls: [...ADVERSARIAL.toolArgsNotJson.toolCalls, ...ADVERSARIAL.unknownTool.toolCalls, ...ADVERSARIAL.toolArgsBadSchema.toolCalls] },
      { match: { afterTool: true }, text: 'I could not read more data; activation fell 15.3% [E6].' },
    ]);
    const r = await runCopilot(input());
    expect(r).toMatchObject({ incomplete: false, answer: 'I could not read more data; activation fell 15.3% [E6].' });
    expect(r.error).toBeUndefined();
    expect(r.added).toEqual([]);
    expect(r.toolCalls.map((t) => [t.name, t.ok, t.error?.kind])).toEqual([
      ['get_series', false, 'bad-tool-call'], ['apply_budget', false, 'bad-tool-call'], ['compare_periods', false, 'bad-tool-call'],
    ]);
    const results = toolMessages(srv.chats[1]).map((m) => JSON.parse(m.content as string).error as string);
    expect(results[0]).toMatch(/not valid JSON/);
    expect(results[1]).toMatch(/no tool "apply_budget"/);
    expect(results[2]).toMatch(/Invalid arguments/);
  });

  it('stops after a bounded number of rounds, offering no tools in the last one', async () => {
    srv.setScript([{ toolCalls: [{ name: 'list_findings', arguments: {} }], times: 'always' }]);
    const r = await runCopilot(input({ maxRounds: 3 }));
    expect(srv.chats).toHaveLength(3);
    expect(srv.chats[0].body.tools?.map((t) => t.function.name)).toEqual(['get_series', 'compare_periods', 'list_findings', 'describe_chart']);
    expect(srv.chats[2].body.tools).toBeUndefined();
    expect(r).toMatchObject({ incomplete: true, rounds: 3, error: { kind: 'bad-tool-call' } });
    expect(r.toolCalls).toHaveLength(2);
  });

  it('returns adversarial replies as text and never acts on them', async () => {
    for (const turn of [ADVERSARIAL.injectionEcho, ADVERSARIAL.exfilImage, ADVERSARIAL.rawHtml, ADVERSARIAL.wrongNumbers, ADVERSARIAL.badCitations]) {
      srv.setScript([turn]);
      srv.requests.length = 0;
      const r = await runCopilot(input());
      expect(r.answer).toBe(turn.text);
      expect(r).toMatchObject({ incomplete: false, toolCalls: [], added: [], rounds: 1 });
      expect(srv.requests).toHaveLength(1);
    }
  });

  it('keeps the partial answer and added evidence when the stream is cut in a later round', async () => {
    srv.setScript([
      { match: { turn: 0 }, toolCalls: [{ id: 'g', name: 'get_series', arguments: { chartId: 'activation', from: '2026-10-10' } }] },
      { match: { turn: 1 }, text: 'Since Oct 10 activation stayed near 34.9% [E20] while', cutAfter: 4 },
    ]);
    const r = await runCopilot(input());
    expect(r).toMatchObject({ answer: 'Since Oct 10 activation ', incomplete: true, error: { kind: 'stream-cut' } });
    expect(r.added.map((e) => e.id)).toEqual([`E${N + 1}`]);
  });

  it('stops via AbortSignal, keeping what arrived', async () => {
    srv.setScript([{ text: ['Activation ', 'fell ', '15.3% ', '[E6] ', 'from ', 'Oct 10.'], chunkDelayMs: 100 }]);
    const ctl = new AbortController();
    const r = await runCopilot(input({ signal: ctl.signal, onDelta: (d) => { if (d === 'fell ') ctl.abort(); } }));
    expect(r).toMatchObject({ answer: 'Activation fell ', incomplete: true, error: { kind: 'aborted' } });
  });

  it('retries a rate limit inside the loop and reports it', async () => {
    srv.setScript([ERRORS.rateLimit(1), { text: 'ok [E6]' }]);
    const waits: number[] = [];
    const r = await runCopilot(input({ onRetry: (i) => waits.push(i.waitMs) }));
    expect(r.answer).toBe('ok [E6]');
    expect(waits).toEqual([1000]);
  });

  it('works offline: no tools, no network, explains the chart the question names', async () => {
    const r = await runCopilot(input({ provider: selectProvider({ provider: 'offline' }) }));
    expect(r.answer).toContain('“Activation rate” fell 15.3% from Oct 10, 2026: the average went from 41.2% to 34.9% [E6]');
    expect(r.answer).toContain('## This chart');
    expect(r.answer).not.toContain('Signups');
    expect(r.answer).toContain(NEEDS_MODEL);
    expect(r).toMatchObject({ incomplete: false, toolCalls: [], rounds: 1 });
    expect(srv.requests).toHaveLength(0);
  });

  it('redacts tool results before they go back to the model', async () => {
    const snap = board();
    snap.charts[1].series[0].name = 'bob@acme.com';
    srv.setScript([
      { match: { turn: 0 }, toolCalls: [{ name: 'describe_chart', arguments: { chartId: 'signups' } }] },
      { match: { turn: 1 }, text: 'done' },
    ]);
    const r = await runCopilot(input({ snapshot: snap }));
    const result = toolMessages(srv.chats[1])[0].content as string;
    expect(result).toContain('[email]');
    expect(result).not.toContain('bob@acme.com');
    expect(r.redactions.emails).toBeGreaterThanOrEqual(2);
  });
});
