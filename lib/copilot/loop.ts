import type { Evidence } from '../evidence/schema';
import type { DashboardSnapshot } from '../snapshot/schema';
import { makeError, type CopilotError } from './errors';
import { buildRequest, type PromptInput } from './prompt';
import { makeRedactor, type RedactionReport } from './redact';
import { runTool, TOOL_SPECS, type ToolOutput } from './tools';
import { addUsage, type ChatMessage, type Provider, type RetryInfo, type Usage } from './types';

// The tool-call loop: ask, run the read-only tools the model asked for, hand back their results, ask
// again, for a bounded number of rounds. Answer text streams to the caller as it arrives. It never
// throws for a provider failure: the caller always gets the answer so far, the evidence (including
// items tools added) and, when something went wrong, the error — the question is never lost.

export const MAX_ROUNDS = 4;

export interface LoopInput {
  provider: Provider;
  /** The question, evidence, findings, notes… (tools are added here when the provider takes them). */
  prompt: Omit<PromptInput, 'tools'>;
  /** What the tools read. */
  snapshot: DashboardSnapshot;
  maxRounds?: number;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  onRetry?: (info: RetryInfo) => void;
  onToolCall?: (record: ToolCallRecord) => void;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  /** As the model sent them (may be malformed). */
  arguments: string;
  ok: boolean;
  output: ToolOutput;
  addedEvidenceIds: string[];
  error?: CopilotError;
}

export interface CopilotResult {
  answer: string;
  toolCalls: ToolCallRecord[];
  /** The evidence the answer may cite: the input's, then what tools added. */
  evidence: Evidence[];
  added: Evidence[];
  usage?: Usage;
  /** True when the answer stopped early; `answer` then holds what arrived. */
  incomplete: boolean;
  error?: CopilotError;
  rounds: number;
  redactions: RedactionReport;
}

export async function runCopilot(input: LoopInput): Promise<CopilotResult> {
  const maxRounds = Math.max(1, input.maxRounds ?? MAX_ROUNDS);
  const tools = input.provider.supportsTools ? TOOL_SPECS : undefined;
  const { request, redactions } = buildRequest({ ...input.prompt, tools });
  // Tool results carry page text too (series names, titles): they go through the same redaction.
  const redact = makeRedactor(input.prompt.redaction);
  const messages: ChatMessage[] = [...request.messages];
  const evidence = [...input.prompt.evidence];
  const added: Evidence[] = [];
  const toolCalls: ToolCallRecord[] = [];
  let answer = '';
  let usage: Usage | undefined;

  const done = (rounds: number, incomplete: boolean, error?: CopilotError): CopilotResult => ({
    answer, toolCalls, evidence, added, usage, incomplete, rounds, error,
    redactions: { emails: redactions.emails + redact.report.emails, ids: redactions.ids + redact.report.ids, names: redactions.names + redact.report.names },
  });

  for (let round = 1; round <= maxRounds; round++) {
    const last = round === maxRounds;
    let first = true;
    const onDelta = (d: string) => {
      // Text from an earlier round (e.g. "Let me check the series.") stays, in its own paragraph.
      if (first && answer) {
        answer += '\n\n';
        input.onDelta?.('\n\n');
      }
      first = false;
      answer += d;
      input.onDelta?.(d);
    };
    const res = await input.provider.chat(
      // The last round offers no tools, so the model has to answer with what it has.
      { ...request, messages: [...messages], tools: last ? undefined : tools,
        local: { question: input.prompt.question, evidence, findings: input.prompt.findings, snapshot: input.snapshot,
          ...(input.prompt.told?.length ? { told: input.prompt.told } : {}) } },
      { signal: input.signal, onDelta, onRetry: input.onRetry },
    );
    usage = addUsage(usage, res.usage);
    if (res.error) return done(round, true, res.error);
    if (!res.toolCalls.length) return done(round, res.incomplete);
    if (last || !tools) {
      return done(round, true, makeError('bad-tool-call',
        `The model kept asking for more data after ${round} rounds; the answer may be incomplete.`, true));
    }
    messages.push({ role: 'assistant', content: res.text || null, toolCalls: res.toolCalls });
    for (const call of res.toolCalls) {
      const run = runTool(call, { snapshot: input.snapshot, evidence, findings: input.prompt.findings });
      evidence.push(...run.added);
      added.push(...run.added);
      const record: ToolCallRecord = {
        id: call.id, name: call.name, arguments: call.arguments, ok: run.ok, output: run.output,
        addedEvidenceIds: run.added.map((e) => e.id),
      };
      if (!run.ok && 'error' in run.output) {
        record.error = makeError('bad-tool-call', `The model asked for “${call.name}” in a way Loupe could not run; it was told why.`, false,
          { detail: String(run.output.error).slice(0, 500) });
      }
      toolCalls.push(record);
      input.onToolCall?.(record);
      messages.push({ role: 'tool', toolCallId: call.id, content: redact(JSON.stringify(run.output)) });
    }
    if (input.signal?.aborted) return done(round, true, makeError('aborted', 'Stopped. What arrived so far is kept.', true));
  }
  return done(maxRounds, true);
}
