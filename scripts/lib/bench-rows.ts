// Bench figures computed in Node from snapshots: the evidence engine's time, the size of what would go
// into a prompt against the page's own text, and the time to the first streamed token. Kept apart from
// the browser part of the bench so each stays small.
import { computeEvidence } from '../../lib/evidence';
import { buildRequest } from '../../lib/copilot/prompt';
import { selectProvider } from '../../lib/copilot/providers';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';

// llm-server.mjs ships no types; the slice the bench uses, typed here at the boundary.
interface LlmServer { url: string; close(): Promise<void> }
interface LlmServerModule { startLlmServer(opts: { script: Array<{ delayMs?: number; text?: string; times?: number | 'always' }> }): Promise<LlmServer> }
const LLM_SERVER = new URL('../../test/fixtures/llm-server.mjs', import.meta.url).href;

export interface BenchRow { figure: string; value: string; note: string }
export interface PageSize { innerTextChars: number; outerHtmlChars: number }
/** A sample board read through the extension, with its page's own text sizes. */
export interface BoardSample extends PageSize { name: string; snapshot: DashboardSnapshot }

const RUNS = 5;
const QUESTION = 'What changed on this dashboard, and is it real?';
/** The server's own wait before its first byte; subtracted from the measured time. */
export const LLM_DELAY_MS = 200;

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (n: number) => `${n.toFixed(1)} ms`;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
// No tokenizer is installed: the usual rough rule for English and JSON-ish text, ~4 characters a token.
export const tokens = (chars: number): number => Math.ceil(chars / 4);

/** Characters of everything buildRequest would send (system prompt + the user message with the
 *  compact evidence table and the question). */
export function promptChars(snapshot: DashboardSnapshot, evidence = computeEvidence(snapshot)): number {
  const { request } = buildRequest({ question: QUESTION, snapshot, evidence: evidence.evidence, findings: evidence.findings });
  return request.messages.reduce((t, m) => t + (typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length), 0);
}

export function evidenceRows(snapshot: DashboardSnapshot, page: PageSize): BenchRow[] {
  const times: number[] = [];
  let result = computeEvidence(snapshot); // warm-up: JIT and lazy module state, not counted
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = computeEvidence(snapshot);
    times.push(performance.now() - t0);
  }
  const chars = promptChars(snapshot, result);
  return [
    { figure: `Evidence and findings on ${fmtInt(snapshot.stats.points)} points (median of ${RUNS})`, value: fmtMs(median(times)),
      note: `computeEvidence: ${result.evidence.length} evidence items, ${result.findings.length} findings` },
    { figure: 'Prompt (buildRequest messages) vs page innerText', value: `${fmtInt(chars)} vs ${fmtInt(page.innerTextChars)} characters`,
      note: chars <= page.innerTextChars
        ? `${(page.innerTextChars / chars).toFixed(1)}× smaller than the page text, and it carries the chart numbers the text does not`
        : `${(chars / page.innerTextChars).toFixed(1)}× the page text, which carries none of the chart numbers` },
  ];
}

export function promptTokenRows(boards: BoardSample[]): BenchRow[] {
  return boards.map((b) => {
    const p = tokens(promptChars(b.snapshot));
    return {
      figure: `Prompt tokens: ${b.name}`,
      value: `${fmtInt(p)} vs ${fmtInt(tokens(b.innerTextChars))} / ${fmtInt(tokens(b.outerHtmlChars))}`,
      note: `prompt vs innerText / outerHTML, estimated as characters/4 (no tokenizer installed); ${b.snapshot.stats.charts} charts, ${fmtInt(b.snapshot.stats.points)} points`,
    };
  });
}

/** Question to first streamed token through the OpenAI-compatible provider against the local server,
 *  minus the server's own delay: the time Loupe adds (building the request, the SDK, parsing the stream). */
export async function firstTokenRow(snapshot: DashboardSnapshot): Promise<BenchRow> {
  const { startLlmServer } = (await import(LLM_SERVER)) as LlmServerModule;
  const server = await startLlmServer({ script: [{ delayMs: LLM_DELAY_MS, text: 'Activation fell 15% from Oct 10 [E1].', times: 'always' }] });
  try {
    const provider = selectProvider({ provider: 'compatible', baseUrl: server.url, model: 'test-model' });
    const { evidence, findings } = computeEvidence(snapshot);
    const times: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      let first = 0;
      const { request } = buildRequest({ question: QUESTION, snapshot, evidence, findings });
      const result = await provider.chat(request, { onDelta: () => { if (!first) first = performance.now(); } });
      if (result.error || !first) throw new Error(`the local model server did not answer: ${result.error?.message ?? 'no text'}`);
      if (i > 0) times.push(first - t0 - LLM_DELAY_MS); // the first run warms up the SDK and the socket
    }
    return { figure: `Question to first token, minus the server's ${LLM_DELAY_MS} ms delay (median of ${RUNS})`, value: fmtMs(median(times)),
      note: `${snapshot.title}: buildRequest + openai SDK stream from llm-server on 127.0.0.1` };
  } finally {
    await server.close();
  }
}

export async function benchRows(snapshot: DashboardSnapshot, page: PageSize, boards: BoardSample[] = []): Promise<BenchRow[]> {
  const rows = evidenceRows(snapshot, page);
  rows.push(...promptTokenRows(boards));
  rows.push(await firstTokenRow(boards[0]?.snapshot ?? snapshot));
  return rows;
}
