import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeError } from '@/lib/copilot/errors';
import { RedactionSettings } from '@/lib/copilot/redact';
import type { ChatOptions, ChatRequest, ChatResult, Provider } from '@/lib/copilot/types';
import { LoupeDb } from '@/lib/db';
import { dashboardKey } from '@/lib/db/schema';
import { addNote } from '@/lib/db/notes';
import type { CopilotSettings } from '@/lib/settings';
import { PAUSED_MESSAGE } from '@/lib/stores/chat-answer';
import { createPanelStore, type PanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, growthSnapshot } from './fake-panel-api';

// The chat slice with the real copilot loop, a real (fake-indexeddb) database and a scripted provider:
// what is saved when, what a stop, a cut or a retry leaves behind, and that Pause AI calls nothing.

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`chat-${Math.random()}`); await database.open(); });
afterEach(async () => { vi.useRealTimers(); await database.delete(); });

const board = dashboardKey(growthSnapshot().url);
const settings = (over: Partial<CopilotSettings> = {}): CopilotSettings => ({
  provider: { provider: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model' },
  redaction: RedactionSettings.parse({}), paused: false, plainLanguage: false, ...over,
});

type Step = (req: ChatRequest, o: ChatOptions) => Promise<ChatResult>;
/** A provider that answers each call with the next step. */
function scripted(...steps: Step[]): Provider & { calls: ChatRequest[] } {
  const calls: ChatRequest[] = [];
  return {
    id: 'compatible', label: 'Test model', supportsTools: false, calls,
    available: async () => true,
    chat: async (req, o = {}) => {
      calls.push(req);
      const step = steps[Math.min(calls.length - 1, steps.length - 1)];
      return step(req, o);
    },
  };
}
const says = (text: string): Step => async (_r, o) => {
  for (const w of text.match(/\S+\s*/g) ?? []) o.onDelta?.(w);
  return { text, toolCalls: [], finishReason: 'stop', incomplete: false };
};

async function storeWith(provider: Provider | (() => never), over: Partial<CopilotSettings> = {}): Promise<PanelStore> {
  const { api } = fakePanelApi({ 1: { ok: true, snapshot: growthSnapshot() } });
  const make = vi.fn(() => (typeof provider === 'function' ? provider() : provider));
  const store = createPanelStore(api, { database: () => database, loadSettings: async () => settings(over), provider: make });
  await store.getState().start({ tabId: 1 });
  await store.getState().loadChat();
  return store;
}

const rows = () => database.chats.where('dashboard').equals(board).toArray();
const until = async (check: () => boolean | Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await check()).toBe(true);
};

describe('chat slice', () => {
  it('saves the question before the provider is called, then the verified answer', async () => {
    let savedFirst: unknown[] = [];
    const provider = scripted(async (req, o) => {
      savedFirst = await rows();
      return says('Activation rate fell 15.2% [E1]. It was 42.7% before [E1].')(req, o);
    });
    const store = await storeWith(provider);
    await store.getState().ask('  Why did activation fall?  ');
    expect(savedFirst).toMatchObject([{ question: 'Why did activation fall?', status: 'streaming', answer: '', provider: 'Test model' }]);
    const [turn] = store.getState().turns;
    expect(turn).toMatchObject({ status: 'done', answer: expect.stringContaining('15.2%'), citations: ['E1'] });
    expect(turn.marks.map((m) => m.text)).toContain('42.7%');
    expect(turn.unsupported).toBeGreaterThan(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'done', citations: ['E1'], unsupported: turn.unsupported });
    expect((row.evidence as Array<{ id: string }>).map((e) => e.id)).toEqual(['E1']);
    expect(store.getState().answering).toBeNull();
  });

  it('Stop keeps the partial answer, marked stopped, in the store and in Dexie', async () => {
    const provider = scripted(async (_r, o) => {
      o.onDelta?.('Activation rate ');
      o.onDelta?.('fell because');
      await new Promise<void>((r) => o.signal?.addEventListener('abort', () => r(), { once: true }));
      return { text: 'Activation rate fell because', toolCalls: [], finishReason: 'error', incomplete: true,
        error: makeError('aborted', 'Stopped.', true) };
    });
    const store = await storeWith(provider);
    const asked = store.getState().ask('Why?');
    await until(() => store.getState().turns[0]?.answer === 'Activation rate fell because');
    expect(store.getState().turns[0].status).toBe('streaming');
    store.getState().stopAnswer();
    await asked;
    expect(store.getState().turns[0]).toMatchObject({ status: 'stopped', answer: 'Activation rate fell because', error: expect.stringMatching(/kept/) });
    expect((await rows())[0]).toMatchObject({ status: 'stopped', answer: 'Activation rate fell because' });
  });

  it('a cut stream keeps what arrived, marked incomplete, with a plain message', async () => {
    const provider = scripted(async (_r, o) => {
      o.onDelta?.('Signups rose ');
      return { text: 'Signups rose ', toolCalls: [], finishReason: 'error', incomplete: true,
        error: makeError('stream-cut', 'The answer was cut off in the middle; what arrived is kept and marked incomplete.', true) };
    });
    const store = await storeWith(provider);
    await store.getState().ask('What happened?');
    expect(store.getState().turns[0]).toMatchObject({ status: 'incomplete', answer: 'Signups rose ', retryable: true, error: expect.stringMatching(/cut off/) });
  });

  it('shows each automatic retry while it waits and keeps it after the answer', async () => {
    let waiting: string | undefined;
    const provider = scripted(async (req, o) => {
      o.onRetry?.({ attempt: 1, waitMs: 1000, error: makeError('rate-limit', 'Limited.', true), message: 'The provider is rate-limiting requests; retrying in 1 s.' });
      await Promise.resolve();
      waiting = store.getState().turns[0].waiting;
      return says('Fine now.')(req, o);
    });
    const store = await storeWith(provider);
    await store.getState().ask('Hi?');
    expect(waiting).toMatch(/retrying in 1 s/);
    expect(store.getState().turns[0]).toMatchObject({ status: 'done', waiting: undefined, retries: [expect.stringMatching(/retrying in 1 s/)] });
  });

  it('Retry asks the same question again, in the same saved turn', async () => {
    const provider = scripted(
      async () => ({ text: '', toolCalls: [], finishReason: 'error', incomplete: true, error: makeError('server', 'The provider had a problem on its side (error 500).', true) }),
      says('Activation rate fell 15.2% [E1].'),
    );
    const store = await storeWith(provider);
    await store.getState().ask('Why did activation fall?');
    const failed = store.getState().turns[0];
    expect(failed).toMatchObject({ status: 'error', retryable: true, error: expect.stringMatching(/error 500/) });
    await store.getState().retryTurn(failed.key);
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[1].local?.question).toBe('Why did activation fall?');
    expect(store.getState().turns).toHaveLength(1);
    expect(store.getState().turns[0]).toMatchObject({ status: 'done', error: undefined, citations: ['E1'] });
    expect(await rows()).toMatchObject([{ status: 'done', question: 'Why did activation fall?' }]);
  });

  it('with Pause AI on, says so and builds no provider; the question is still saved', async () => {
    const store = await storeWith(() => { throw new Error('no provider may be built while paused'); }, { paused: true });
    await store.getState().ask('Why?');
    expect(store.getState().turns[0]).toMatchObject({ status: 'error', error: PAUSED_MESSAGE, provider: 'Paused' });
    expect(await rows()).toMatchObject([{ question: 'Why?', status: 'error' }]);
  });

  it('a panel closed mid-answer finds the partial answer, marked incomplete, on its next open', async () => {
    const never = scripted(async (_r, o) => {
      o.onDelta?.('Half an answer');
      return new Promise<ChatResult>(() => undefined);
    });
    const first = await storeWith(never);
    void first.getState().ask('Will this survive?');
    await until(async () => (await rows())[0]?.answer === 'Half an answer');

    const second = await storeWith(scripted(says('unused')));
    expect(second.getState().turns).toMatchObject([
      { question: 'Will this survive?', answer: 'Half an answer', status: 'incomplete', error: expect.stringMatching(/closed/) },
    ]);
  });

  it('gives earlier answers as history to a follow-up question', async () => {
    const provider = scripted(says('First answer.'), says('Second answer.'));
    const store = await storeWith(provider);
    await store.getState().ask('First?');
    await store.getState().ask('And then?');
    const roles = provider.calls[1].messages.map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'user']);
    expect(store.getState().turns.map((t) => t.answer)).toEqual(['First answer.', 'Second answer.']);
  });

  it('describes the next request with the key masked, and says nothing is sent when paused', async () => {
    const store = await storeWith(scripted(says('x')), { provider: { provider: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-test-1234567890abcd' } });
    const next = await store.getState().describeNext('Why?');
    expect(next.description).toMatchObject({ sent: true, url: 'http://127.0.0.1:9/v1/chat/completions', headers: { Authorization: 'Bearer sk-…abcd' } });
    expect(JSON.stringify(next.description.body)).not.toContain('1234567890');
    const paused = await (await storeWith(scripted(says('x')), { paused: true })).getState().describeNext('Why?');
    expect(paused.description).toMatchObject({ sent: false, note: expect.stringMatching(/nothing is sent/) });
  });

  it('sends the team’s notes for this board as N1…, and an answer citing one says what you told us', async () => {
    await addNote(database, { text: 'Activation is measured on day 7.', dashboard: `${board}*`, by: 'Maya (PM)' });
    await addNote(database, { text: 'Ignore: a note for another board.', dashboard: 'https://other.example/*' });
    const provider = scripted(says('Activation rate fell 15.2% [E1], measured on day 7 as you told us [N1]. See also [N9].'));
    const store = await storeWith(provider);
    await store.getState().ask('Why did activation fall?');
    const user = provider.calls[0].messages.at(-1)!.content;
    expect(user).toContain('Activation is measured on day 7.');
    expect(user).not.toContain('another board');
    const [turn] = store.getState().turns;
    expect(turn.citations).toEqual(['E1', 'N1']);
    expect(turn.evidence.find((e) => e.id === 'N1')).toMatchObject({ chartId: '', claim: 'Maya (PM) told us: “Activation is measured on day 7.”' });
    // The request the person can inspect carries the same notes.
    const next = await store.getState().describeNext('Why?');
    expect(JSON.stringify(next.description.body)).toContain('Activation is measured on day 7.');
  });
});
