import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import {
  DEFAULT_RETRY, makeError, retryDelay, retryMessage, sleep as defaultSleep, toCopilotError,
  type CopilotError, type RetryPolicy,
} from '../errors';
import type { ChatOptions, ChatRequest, ChatResult, FinishReason, Provider, ToolCall, Usage } from '../types';
import { toWireBody } from '../wire';

// OpenAI and every OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp, …) through the
// official SDK. The SDK's own retries are off (maxRetries: 0): Loupe retries itself so the panel can
// show each wait ("retrying in 8 s"). Timeouts are ours too, because the SDK's timeout only covers the
// wait for response headers and a stream can stall after them.

export interface OpenAIProviderOptions {
  id: 'openai' | 'compatible';
  baseUrl: string;
  model: string;
  apiKey?: string;
  label: string;
  /** Longest wait for the first piece of the answer. */
  timeoutMs?: number;
  /** Longest silence between two pieces once streaming. */
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected in tests to skip real waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

interface Attempt {
  result: ChatResult;
  /** Something reached the caller (text or tool-call pieces): retrying would repeat it. */
  streamed: boolean;
}

function usageOf(u: ChatCompletionChunk['usage']): Usage | undefined {
  if (!u) return undefined;
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, totalTokens: u.total_tokens };
}

function finishOf(r: string | null | undefined): FinishReason {
  return r === 'tool_calls' || r === 'length' || r === 'content_filter' || r === 'stop' ? r : 'stop';
}

export function createOpenAIProvider(opts: OpenAIProviderOptions): Provider {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 30_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const wait = opts.sleep ?? defaultSleep;
  const hasKey = Boolean(opts.apiKey);
  const client = new OpenAI({
    // Local servers need no key, but the SDK insists on one: send none (the header is removed below).
    apiKey: opts.apiKey || 'no-key',
    baseURL: opts.baseUrl,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout: timeoutMs,
    defaultHeaders: hasKey ? undefined : { Authorization: null },
    fetch: opts.fetch,
  });

  async function once(request: ChatRequest, o: ChatOptions): Promise<Attempt> {
    const ctl = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => { timedOut = true; ctl.abort(); }, ms);
    };
    const onAbort = () => ctl.abort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    let text = '';
    const calls: ToolCall[] = [];
    let finish: string | null = null;
    let usage: Usage | undefined;
    let streamed = false;
    try {
      if (o.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      arm(timeoutMs);
      const stream = await client.chat.completions.create(toWireBody(request, opts.model), { signal: ctl.signal });
      for await (const chunk of stream) {
        arm(idleTimeoutMs);
        usage = usageOf(chunk.usage) ?? usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        const piece = choice.delta?.content;
        if (piece) {
          text += piece;
          streamed = true;
          o.onDelta?.(piece);
        }
        // Tool calls arrive in fragments keyed by index: the first names it, later ones add arguments.
        for (const d of choice.delta?.tool_calls ?? []) {
          streamed = true;
          const c = (calls[d.index] ??= { id: '', name: '', arguments: '' });
          if (d.id) c.id = d.id;
          if (d.function?.name) c.name += d.function.name;
          if (d.function?.arguments) c.arguments += d.function.arguments;
        }
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      const toolCalls = calls.filter(Boolean).map((c, i) => ({ ...c, id: c.id || `call_${i}` }));
      if (finish === null) {
        // The stream ended without saying it was finished: the SDK ends iteration quietly when its
        // signal aborts (our watchdog or the caller), otherwise the connection closed mid-answer.
        const error = toCopilotError(new Error('stream ended without finish_reason'), {
          streamed: true, timedOut, timeoutMs: idleTimeoutMs, aborted: o.signal?.aborted && !timedOut,
        });
        return { streamed, result: { text, toolCalls, finishReason: 'error', usage, incomplete: true, error } };
      }
      return { streamed, result: { text, toolCalls, finishReason: finishOf(finish), usage, incomplete: finish === 'length' } };
    } catch (err) {
      const error = toCopilotError(err, {
        streamed, timedOut, timeoutMs: streamed ? idleTimeoutMs : timeoutMs, aborted: o.signal?.aborted && !timedOut,
        model: opts.model, baseUrl: opts.baseUrl,
      });
      // Half-received tool calls are dropped: running a call with cut-off arguments would be a guess.
      return { streamed, result: { text, toolCalls: [], finishReason: 'error', usage, incomplete: true, error } };
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function chat(request: ChatRequest, o: ChatOptions = {}): Promise<ChatResult> {
    if (opts.id === 'openai' && !hasKey) {
      const error = makeError('auth', 'Add an OpenAI API key in Loupe’s settings, or pick the offline engine.', false);
      return { text: '', toolCalls: [], finishReason: 'error', incomplete: true, error };
    }
    for (let attempt = 1; ; attempt++) {
      const { result, streamed } = await once(request, o);
      if (!result.error || streamed) return result;
      const delay = retryDelay(result.error, attempt, policy);
      if (delay === null) return withGiveUp(result, attempt);
      o.onRetry?.({ attempt, waitMs: delay, error: result.error, message: retryMessage(result.error, delay) });
      try {
        await wait(delay, o.signal);
      } catch {
        return { ...result, error: toCopilotError(null, { aborted: true }) };
      }
    }
  }

  return {
    id: opts.id,
    label: opts.label,
    supportsTools: true,
    chat,
    async available() {
      if (opts.id === 'openai' && !hasKey) return false;
      try {
        await client.models.list({ timeout: 3000 });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** After retries ran out, the message says so (the person knows Loupe already tried). */
function withGiveUp(result: ChatResult, attempt: number): ChatResult {
  const e = result.error as CopilotError;
  if (attempt <= 1 || (e.kind !== 'rate-limit' && e.kind !== 'server')) return result;
  return { ...result, error: { ...e, message: `${e.message} (Loupe tried ${attempt} times.)` } };
}
