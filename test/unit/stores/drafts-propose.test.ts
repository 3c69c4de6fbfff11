import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest, ChatResult, Provider } from '@/lib/copilot/types';
import { RedactionSettings } from '@/lib/copilot/redact';
import { LoupeDb } from '@/lib/db';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import type { CopilotSettings } from '@/lib/settings';
import { createPanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, settle } from './fake-panel-api';
import { activationBoard } from './findings-fixture';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`propose-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const settingsOf = (over: Partial<CopilotSettings> = {}): CopilotSettings => ({
  provider: { provider: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model' }, redaction: RedactionSettings.parse({}), paused: false, plainLanguage: false, ...over,
});

function provider(text: string): Provider {
  const result: ChatResult = { text, toolCalls: [], finishReason: 'stop', incomplete: false };
  return { id: 'compatible', label: 'Test LLM', supportsTools: false, available: async () => true, chat: vi.fn(async () => result) };
}

const proposal = (kind: string, title: string, ids: string[]) => ({ kind, title, rationale: 'Because the evidence says so', impact: 'Some', risk: 'low', reversibility: 'Easy', affected: 'Few', evidenceIds: ids });

/** Reads the activation board, marks its first finding real, and lets proposals load. */
async function markReal(settings: CopilotSettings, p: Provider) {
  const fake = fakePanelApi({ 1: { ok: true, snapshot: activationBoard() } as ReadOutcome });
  const store = createPanelStore(fake.api, { database: () => database, loadSettings: async () => settings, provider: () => p });
  await store.getState().start({ tabId: 1 });
  await settle();
  const f1 = store.getState().analysis!.findings[0];
  await store.getState().triageFinding(f1, 'real', '');
  await store.getState().loadDrafts();
  return { store, f1 };
}

describe('proposals from a model', () => {
  it('come from the provider when one is set, and the log says the model proposed them', async () => {
    let ids: string[] = [];
    const p: Provider = {
      ...provider(''),
      // The model answers with the evidence the request offered it.
      chat: vi.fn(async (r: ChatRequest): Promise<ChatResult> => {
        ids = [...new Set([...(r.messages.at(-1)!.content ?? '').matchAll(/citing only evidence ([E\d, ]+)\./g)].flatMap((m) => m[1].split(', ')))];
        return { text: JSON.stringify({ proposals: [proposal('compare-cohorts', 'Compare web and iOS', ids), proposal('annotate', 'Note the Oct 10 launch', ids)] }), toolCalls: [], finishReason: 'stop', incomplete: false };
      }),
    };
    const { store } = await markReal(settingsOf(), p);
    expect(p.chat).toHaveBeenCalledOnce();
    const titles = store.getState().draftOrder.map((id) => store.getState().drafts[id].flow.proposal);
    expect(titles.map((x) => [x.title, x.source, x.status])).toEqual([['Compare web and iOS', 'model', 'proposed'], ['Note the Oct 10 launch', 'model', 'proposed']]);
    const made = await database.log.where('kind').equals('proposal-made').toArray();
    expect(made.map((e) => e.actor)).toEqual([{ kind: 'model', name: 'Test LLM' }, { kind: 'model', name: 'Test LLM' }]);
    expect(store.getState().proposing).toBeNull();
  });

  it('an unusable answer gives the templates and a note the panel shows', async () => {
    const { store } = await markReal(settingsOf(), provider('{"proposals":[{"kind":"roll-back-change","status":"approved"}]}'));
    const sources = store.getState().draftOrder.map((id) => store.getState().drafts[id].flow.proposal.source);
    expect(sources.every((s) => s === 'template')).toBe(true);
    const [note] = Object.values(store.getState().proposalNotes);
    expect(note).toMatch(/^Test LLM gave no usable proposals \(0 of 1 proposals were valid/);
    const rejected = await database.log.where('kind').equals('proposal-rejected').toArray();
    expect(rejected).toMatchObject([{ actor: { kind: 'model' }, summary: note }]);
  });

  it.each([
    ['AI is paused', settingsOf({ paused: true })],
    ['the provider is offline', settingsOf({ provider: { provider: 'offline' } })],
  ])('nothing is asked while %s: the templates', async (_l, settings) => {
    const p = provider('{}');
    const { store } = await markReal(settings, p);
    expect(p.chat).not.toHaveBeenCalled();
    expect(store.getState().draftOrder.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(store.getState().proposalNotes)).toEqual([]);
  });
});
