// Bench figures computed in Node from snapshots: the evidence engine's time (on the bench board and on
// one long series), the size of what would go into a prompt against the page's own text, the reviewer
// export's build time and size, and the time to the first streamed token. Kept apart from the browser
// part of the bench so each stays small.
import { computeEvidence, type EvidenceResult } from '../../lib/evidence';
import { buildRequest, userMessage } from '../../lib/copilot/prompt';
import { selectProvider } from '../../lib/copilot/providers';
import { buildExport, toCsv, toHtml, toJson, toMarkdown, type ExportChart, type ExportInput } from '../../lib/export';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';
import { longSeries } from '../../test/fixtures/bench.mjs';

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
const kib = (chars: number) => `${(chars / 1024).toFixed(1)} KiB`;

/** Median time of `runs` calls of `fn` after one uncounted warm-up (JIT, lazy module state). */
function timeRuns<T>(fn: () => T, runs = RUNS): { result: T; ms: number } {
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { result, ms: median(times) };
}
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
// No tokenizer is installed: the usual rough rule for English and JSON-ish text, ~4 characters a token.
export const tokens = (chars: number): number => Math.ceil(chars / 4);

/** Characters of everything buildRequest would send (system prompt + the user message with the
 *  compact evidence table and the question). */
export function promptChars(snapshot: DashboardSnapshot, evidence = computeEvidence(snapshot)): number {
  const { request } = buildRequest({ question: QUESTION, snapshot, evidence: evidence.evidence, findings: evidence.findings });
  return request.messages.reduce((t, m) => t + (typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length), 0);
}

/** The data block of the user message (dashboard context, evidence table, findings): what the issue
 *  calls "the evidence table that would go into a prompt", without the system prompt and question. */
export function evidenceTableChars(snapshot: DashboardSnapshot, evidence: EvidenceResult): number {
  return userMessage({ question: QUESTION, snapshot, evidence: evidence.evidence, findings: evidence.findings }).split('\n\nQuestion: ')[0].length;
}

export function evidenceRows(snapshot: DashboardSnapshot, page: PageSize): BenchRow[] {
  const { result, ms } = timeRuns(() => computeEvidence(snapshot));
  const chars = promptChars(snapshot, result);
  const table = evidenceTableChars(snapshot, result);
  const vs = (n: number) => n <= page.innerTextChars
    ? `${(page.innerTextChars / n).toFixed(1)}× smaller than the page text, and it carries the chart numbers the text does not`
    : `${(n / page.innerTextChars).toFixed(1)}× the page text, which carries none of the chart numbers`;
  return [
    { figure: `Evidence and findings on ${fmtInt(snapshot.stats.points)} points (median of ${RUNS})`, value: fmtMs(ms),
      note: `computeEvidence: ${result.evidence.length} evidence items, ${result.findings.length} findings` },
    { figure: 'Evidence table in the prompt vs page innerText', value: `${fmtInt(table)} vs ${fmtInt(page.innerTextChars)} characters`,
      note: `the user message's data block (context, evidence lines, findings); ${vs(table)}` },
    { figure: 'Whole prompt (buildRequest messages) vs page innerText', value: `${fmtInt(chars)} vs ${fmtInt(page.innerTextChars)} characters`,
      note: `adds the system prompt and the question; ${vs(chars)}` },
  ];
}

/** computeEvidence on one long series (minute data: a daily cycle, noise, drift), built in Node. */
export function longSeriesRow(points = 100_000): BenchRow {
  const snapshot: DashboardSnapshot = {
    url: 'http://127.0.0.1/bench-long-series/', title: 'One long series', readAt: new Date().toISOString(), metrics: [],
    charts: [{ id: 'long', title: 'Requests per minute', kind: 'line', source: 'chartjs', exact: true, x: { type: 'time' }, series: [{ name: 'requests', points: longSeries(points) }] }],
    stats: { readMs: 0, charts: 1, points },
  };
  const runs = 3;
  const { result, ms } = timeRuns(() => computeEvidence(snapshot), runs);
  return { figure: `Evidence on one ${fmtInt(points)}-point series (median of ${runs})`, value: fmtMs(ms),
    note: `computeEvidence, minute data over ${Math.round(points / 1440)} days: ${result.evidence.length} evidence items, ${result.findings.length} findings` };
}

/** The reviewer export of one board as the panel builds it (board, evidence, findings; chart images
 *  when given): buildExport, then each format, timed, with the size of each file. */
export function exportRows(snapshot: DashboardSnapshot, charts: ExportChart[] = [], label = snapshot.title): BenchRow[] {
  const { evidence, findings } = computeEvidence(snapshot);
  const board = snapshot.url;
  const input: ExportInput = {
    generatedAt: new Date().toISOString(), filter: { dashboard: board },
    dashboards: [{ url: board, title: snapshot.title, ...(snapshot.tool ? { tool: snapshot.tool } : {}), readAt: snapshot.readAt, ...(snapshot.context ? { context: snapshot.context } : {}) }],
    evidence: evidence.map((e) => ({ ...e, dashboard: board, readAt: snapshot.readAt })),
    findings: findings.map((f) => ({ ...f, dashboard: board, readAt: snapshot.readAt })),
    charts,
  };
  const built = timeRuns(() => buildExport(input));
  const exp = built.result;
  const formats: Array<[string, () => string]> = [
    ['HTML', () => toHtml(exp)], ['Markdown', () => toMarkdown(exp, { images: charts.length > 0 })], ['JSON', () => toJson(exp)], ['CSV', () => toCsv(exp.evidence)],
  ];
  const made = formats.map(([name, fn]) => ({ name, ...timeRuns(fn) }));
  const what = `${exp.evidence.length} evidence, ${exp.findings.length} findings, ${charts.length ? `${charts.length} chart images` : 'no chart images'}`;
  return [
    { figure: `Export: buildExport, ${label} (median of ${RUNS})`, value: fmtMs(built.ms), note: `${what}; validated against the export schema` },
    { figure: `Export files, ${label}`, value: made.map((m) => `${m.name} ${kib(m.result.length)}`).join(', '),
      note: `render times (median of ${RUNS}): ${made.map((m) => `${m.name} ${fmtMs(m.ms)}`).join(', ')}` },
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
  rows.push(longSeriesRow());
  rows.push(...exportRows(snapshot, [], 'bench board'));
  rows.push(...promptTokenRows(boards));
  rows.push(await firstTokenRow(boards[0]?.snapshot ?? snapshot));
  return rows;
}
