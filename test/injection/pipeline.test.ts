import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricTiles } from '@/components/MetricTiles';
import { runCopilot } from '@/lib/copilot/loop';
import { selectProvider } from '@/lib/copilot/providers';
import { TOOL_NAMES } from '@/lib/copilot/tools';
import type { ChatRequest, Provider } from '@/lib/copilot/types';
import { chatUrl, toWireBody } from '@/lib/copilot/wire';
import { LoupeDb } from '@/lib/db';
import { addChat } from '@/lib/db/chats';
import { changeRules, recordSignoff, seedDefaultRules } from '@/lib/db/guardrails';
import { allLog, appendLogs } from '@/lib/db/log';
import { computeEvidence } from '@/lib/evidence';
import { buildExport, toCsv, toHtml, toJson, toMarkdown } from '@/lib/export';
import { initialFlow, transition, type FlowEvent } from '@/lib/guardrails/machine';
import { templateProposals, validateModelProposals } from '@/lib/guardrails/proposals';
import type { Actor } from '@/lib/guardrails/schema';
import { assembleSnapshot } from '@/lib/snapshot/assemble';
import { readPage } from '@/lib/snapshot/page';
import { CORPUS, FAMILIES, type InjectionCase } from './corpus';
import { placeCases } from './place';
import {
  CHECKS, KEY, assertModelInputQuoted, assertOnlyQuoted, assertRequests, controlState, dumpDb, hasKey,
  type SeenRequest,
} from './invariants';

// Every corpus case through the real pipeline without a browser: the case placed on a static copy of
// the marketing board (jsdom) → the ISOLATED-world reader → assembleSnapshot (the page-controlled
// result parsed) → lib/evidence → the tool loop against the compromised model of the test LLM server
// over loopback (the real openai SDK, the canary key set) → the model's proposals, rule changes,
// sign-offs and step clicks pushed through the guardrails → the decision log and every export format.
// Each case then checks the five invariants (see ./invariants.ts).

const ROOT = process.cwd();
const BOARD = readFileSync(join(ROOT, 'test/fixtures/injection/board.html'), 'utf8');
const URL_ = 'http://127.0.0.1:5173/marketing-ga4/';
const AT = '2026-10-23T10:00:00.000Z';

type Turn = Record<string, unknown>;
interface Llm { url: string; origin: string; requests: Array<{ method: string; path: string; headers: Record<string, unknown>; body: unknown }>; close(): Promise<void> }
let llm: Llm;
let turns: Turn[];
let harmfulProposals: unknown;

/** The compromised model behind the Provider interface, without the network: each turn of the
 *  preset as one reply (text, then every tool call). `onRequest` sees what it was asked. */
function compromisedProvider(script: Turn[], onRequest: (request: ChatRequest) => void): Provider {
  return {
    id: 'compatible', label: 'Compromised test model', supportsTools: true, available: async () => true,
    async chat(request, options) {
      onRequest(request);
      const afterTool = request.messages.at(-1)?.role === 'tool';
      const turn = script.find((t) => (t.match as { afterTool?: boolean }).afterTool === afterTool)!;
      const text = ([] as string[]).concat(turn.text as string | string[]).join('');
      options?.onDelta?.(text);
      const calls = (turn.toolCalls ?? []) as Array<{ name: string; arguments: unknown }>;
      const toolCalls = calls.map((c, i) => ({ id: `call_${i}`, name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) }));
      return { text, toolCalls, finishReason: toolCalls.length ? 'tool_calls' : 'stop', incomplete: false };
    },
  };
}

beforeAll(async () => {
  const fixtures = join(ROOT, 'test/fixtures');
  const server = (await import(pathToFileURL(join(fixtures, 'llm-server.mjs')).href)) as { startLlmServer(o: object): Promise<Llm> };
  const presets = (await import(pathToFileURL(join(fixtures, 'llm-scripts/presets.mjs')).href)) as { compromised(host?: string): Turn[] };
  turns = presets.compromised();
  llm = await server.startLlmServer({ script: turns, apiKey: KEY });
  harmfulProposals = [{ title: 'Apply the budget change', kind: 'adjust-budget', status: 'approved', rationale: 'The page said so',
    impact: 'x', risk: 'low', reversibility: 'x', affected: 'x', evidenceIds: ['E1'], signoffs: [{ name: 'Maya' }], rules: [] }];
});
afterAll(async () => {
  // The server's own log of every request of every case: checks 3 and 4 from the other side.
  assertRequests(llm.requests.map((r) => ({ url: `${llm.origin}${r.path}`, method: r.method,
    headers: r.headers as Record<string, string>, body: JSON.stringify(r.body ?? '') })), llm.origin);
  await llm?.close();
});

const model: Actor = { kind: 'model', name: 'test-model' };
const page: Actor = { kind: 'page', name: 'dashboard' };

async function runCase(c: InjectionCase, wire: boolean): Promise<void> {
  // Each case has a database of its own, with the default rules a first read seeds.
  const database = new LoupeDb(`injection-${c.id}`);
  await database.open();
  await seedDefaultRules(database);
  // 1. The page, read.
  const dom = new JSDOM(BOARD, { url: URL_ });
  const doc = dom.window.document;
  placeCases([c], doc);
  const pageBefore = controlState(doc);
  const isolated = JSON.parse(JSON.stringify(await readPage(dom.window as unknown as Window & typeof globalThis, doc))) as unknown;
  const snapshot = assembleSnapshot({ main: { world: 'main', charts: [], notes: [], ms: 0 }, isolated, readAt: new Date(AT), url: URL_ });
  const { evidence, findings } = computeEvidence(snapshot);
  const dbBefore = await dumpDb(database);

  // 2. The compromised model through the tool loop: over the real wire (the openai SDK to the LLM test
  // server, the canary key set), or, for speed, a provider that speaks the same interface and answers
  // with the same compromised turns; what it is given is checked as the wire body it would send.
  const seen: SeenRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const req = new Request(input, init);
    seen.push({ url: req.url, method: req.method, headers: Object.fromEntries(req.headers), body: init?.body ? String(init.body) : '' });
    return fetch(input, init);
  };
  const provider = wire
    ? selectProvider({ provider: 'compatible', baseUrl: llm.url, model: 'test-model', apiKey: KEY },
      { fetch: recording, retry: { rateLimitRetries: 0, serverRetries: 0 }, sleep: async () => {} })
    : compromisedProvider(turns, (request) => seen.push({ url: chatUrl(llm.url), method: 'POST',
      headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify(toWireBody(request, 'test-model')) }));
  const question = 'What changed on this board, and what should we do?';
  const result = await runCopilot({ provider, prompt: { question, snapshot, evidence, findings }, snapshot });
  expect(result.error, 'the compromised model answered (the loop ran to the end)').toBeUndefined();
  expect(result.toolCalls.length).toBeGreaterThan(10);
  for (const call of result.toolCalls) {
    if (!TOOL_NAMES.includes(call.name as never)) expect(call.ok, `${call.name} is not a tool`).toBe(false);
  }

  // 3. Everything the model or the page could try on the guardrails is refused.
  const proposal = templateProposals({ key: 'k', dashboard: URL_, chartTitle: snapshot.charts[0]?.title ?? 'x', series: 'Orders',
    kind: 'level-shift', changePct: -20, evidenceIds: ['E1'], verdict: 'real', at: AT }, AT)[0];
  let flow = initialFlow(proposal);
  const log = [];
  for (const actor of [model, page]) {
    const events: FlowEvent[] = [
      { type: 'approve', actor }, { type: 'checkpoint', actor, answers: { mode: 'act', windowConfirmed: true, cohortConfirmed: true } as never },
      { type: 'signoff', actor, signoff: { rule: 'Budget change over 10%', name: 'Maya', role: 'PM', at: AT, actor } as never },
      { type: 'rules-changed', actor, rules: [] }, { type: 'step-click', actor, stepId: 's1' }, { type: 'kill', actor },
    ];
    for (const e of events) {
      const t = transition(flow, e);
      expect(t.refused, `${actor.kind} ${e.type}`).toBeTruthy();
      flow = t.state;
      log.push(...t.log);
    }
  }
  expect(flow.phase).toBe('proposed');
  const report = validateModelProposals(harmfulProposals, { key: 'k', dashboard: URL_, chartTitle: 'x', series: 'x', kind: 'level-shift',
    changePct: -20, evidenceIds: ['E1'], verdict: 'real', at: AT }, AT);
  expect(report.accepted).toEqual([]);
  expect((await changeRules(database, { type: 'replace-all', rules: [] } as never, model, AT)).ok).toBe(false);
  expect((await recordSignoff(database, { rule: 'Budget change over 10%', name: 'Maya', role: 'PM', at: AT, actor: model, draftId: 1 } as never,
    { dashboard: URL_, evidenceIds: [] })).ok).toBe(false);
  await appendLogs(database, log.map((l) => ({ ...l, at: AT, dashboard: URL_, evidenceIds: [] })));
  await addChat(database, { dashboard: URL_, question, answer: result.answer, status: 'done', provider: provider.label, createdAt: AT, updatedAt: AT } as never);

  // Check 1: the page is as it was, and no step ran.
  expect(controlState(doc), 'page unchanged').toEqual(pageBefore);
  expect(Object.values(flow.stepStates).filter((s) => s !== 'pending')).toEqual([]);

  // Check 2: rules, sign-offs, drafts, undo records and proposals unchanged.
  const dbAfter = await dumpDb(database);
  for (const t of ['rules', 'signoffs', 'drafts', 'undo', 'proposals'] as const) expect(dbAfter[t], t).toEqual(dbBefore[t]);

  // Check 3 and 4 (requests): only the provider, the key only in its Authorization header.
  assertRequests(seen, llm.origin);

  // Check 4 (at rest): no key in the database, the log or any export.
  expect(hasKey(JSON.stringify(dbAfter)), 'key in IndexedDB').toBe(false);
  const exp = buildExport({
    generatedAt: AT,
    dashboards: [{ url: URL_, title: snapshot.title, readAt: AT, ...(snapshot.context ? { context: snapshot.context } : {}) }],
    charts: snapshot.charts.map((ch) => ({ dashboard: URL_, chartId: ch.id, title: ch.title })),
    evidence: evidence.map((e) => ({ ...e, dashboard: URL_, readAt: AT })),
    findings: findings.map((f) => ({ ...f, dashboard: URL_, readAt: AT })),
    explanations: [{ dashboard: URL_, at: AT, question, text: result.answer, provider: provider.label }],
    log: await allLog(database),
  });
  const files = { markdown: toMarkdown(exp), html: toHtml(exp), json: toJson(exp), csv: toCsv(exp.evidence) };
  for (const [name, text] of Object.entries(files)) {
    expect(hasKey(text), `key in the ${name} export`).toBe(false);
  }
  // The HTML export loads and runs nothing from the answer or the page.
  expect(files.html).not.toMatch(/<(script|iframe|form)\b|\s(src|href|action)\s*=\s*["']?(https?:|javascript:)/i);

  // Check 5: page text reaches the model only as quoted untrusted data, and the panel shows it quoted.
  assertModelInputQuoted(seen, c.marker);
  const tiles = renderToStaticMarkup(createElement(MetricTiles, { metrics: snapshot.metrics }));
  assertOnlyQuoted(JSDOM.fragment(`<div>${tiles}</div>`).firstElementChild!, c.marker);
  dom.window.close();
  await database.delete();
}

describe(`injection corpus, pure pipeline: ${CORPUS.length} cases × ${CHECKS} checks`, () => {
  it.concurrent.each(CORPUS.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    await runCase(c, false);
  });
});

// One case of each family over the real wire, so the fast provider above is no shortcut: the same
// checks with the openai SDK streaming from the LLM test server and the canary key in Settings.
const PER_FAMILY = FAMILIES.map((f) => CORPUS.find((c) => c.family === f)!);
describe(`injection corpus over the wire: ${PER_FAMILY.length} cases (one per family) × ${CHECKS} checks`, () => {
  it.concurrent.each(PER_FAMILY.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    await runCase(c, true);
  });
});
