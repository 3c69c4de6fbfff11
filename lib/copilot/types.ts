import { z } from 'zod';
import { CopilotError } from './errors';

// The wire-neutral chat shapes every provider speaks. They follow OpenAI's chat format closely (it is
// the de-facto standard of local servers too), so the OpenAI provider maps them 1:1 and the others
// (offline, Chrome built-in AI) read only what they can use.

export const ToolCall = z.object({
  id: z.string(),
  name: z.string(),
  /** Raw argument text as the model sent it: it may not be JSON, which tools.ts reports back. */
  arguments: z.string(),
});

export const ChatMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string() }),
  z.object({ role: z.literal('assistant'), content: z.string().nullable(), toolCalls: z.array(ToolCall).optional() }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), content: z.string() }),
]);

/** A function the model may call; `parameters` is JSON Schema (generated from the tool's zod schema). */
export const ToolSpec = z.object({
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});

export const Usage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});

export const ChatRequest = z.object({
  messages: z.array(ChatMessage),
  tools: z.array(ToolSpec).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /**
   * What the offline engine answers from. Never put on the wire: the model sees evidence only as the
   * text prompt.ts wrote into the messages (redacted), never this object.
   */
  local: z.object({
    question: z.string(),
    evidence: z.array(z.unknown()),
    findings: z.array(z.unknown()),
    /** The snapshot, so the offline engine can use the explainer's per-chart templates. */
    snapshot: z.unknown().optional(),
    /** What people told Loupe that changed what it surfaces ("you told us …"), already in words. */
    told: z.array(z.string()).optional(),
  }).optional(),
});

export const FinishReason = z.enum(['stop', 'tool_calls', 'length', 'content_filter', 'error']);

export const ChatResult = z.object({
  text: z.string(),
  toolCalls: z.array(ToolCall),
  finishReason: FinishReason,
  usage: Usage.optional(),
  /** True when the answer stopped early (cut, timeout, stopped): `text` holds what arrived. */
  incomplete: z.boolean(),
  error: CopilotError.optional(),
});

export const RetryInfo = z.object({
  /** 1 for the first retry. */
  attempt: z.number().int().positive(),
  waitMs: z.number().nonnegative(),
  error: CopilotError,
  /** For the panel, e.g. "Rate limited by the provider; retrying in 8 s." */
  message: z.string(),
});

export type ToolCall = z.infer<typeof ToolCall>;
export type ChatMessage = z.infer<typeof ChatMessage>;
export type ToolSpec = z.infer<typeof ToolSpec>;
export type Usage = z.infer<typeof Usage>;
export type ChatRequest = z.infer<typeof ChatRequest>;
export type FinishReason = z.infer<typeof FinishReason>;
export type ChatResult = z.infer<typeof ChatResult>;
export type RetryInfo = z.infer<typeof RetryInfo>;

export interface ChatOptions {
  signal?: AbortSignal;
  /** Each piece of answer text, in order, as it streams. */
  onDelta?: (text: string) => void;
  /** Each automatic retry, before its wait starts. */
  onRetry?: (info: RetryInfo) => void;
}

export const PROVIDER_IDS = ['offline', 'openai', 'compatible', 'chrome-ai'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface Provider {
  id: ProviderId;
  /** What the panel shows: "Offline", "OpenAI gpt-4o-mini", "Ollama llama3.1". */
  label: string;
  /** Whether it can answer tool calls; the loop sends tools only to those that can. */
  supportsTools: boolean;
  available(): Promise<boolean>;
  /** Never rejects for provider failures: they come back as `error` with the partial text kept. */
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResult>;
}

export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
