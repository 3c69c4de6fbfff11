import { z } from 'zod';

// Failures a person understands. Every way a model call can fail becomes { kind, message, retryable }:
// `message` is one plain sentence for the panel, `retryable` says whether "Try again" makes sense.
// Errors are recognised by shape (status, name, cause), not by SDK class, so this file stays pure and
// also maps errors from fetch, Chrome's built-in AI and our own timers.

export const ERROR_KINDS = [
  'auth', 'model-not-found', 'rate-limit', 'server', 'bad-request', 'timeout', 'network', 'stream-cut',
  'bad-tool-call', 'aborted', 'unavailable', 'unknown',
] as const;
export const ErrorKind = z.enum(ERROR_KINDS);

export const CopilotError = z.object({
  kind: ErrorKind,
  message: z.string(),
  retryable: z.boolean(),
  status: z.number().int().optional(),
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs: z.number().nonnegative().optional(),
  /** The provider's own words, for a "details" disclosure; plain text, never rendered as markup. */
  detail: z.string().max(500).optional(),
});

export type ErrorKind = z.infer<typeof ErrorKind>;
export type CopilotError = z.infer<typeof CopilotError>;

export interface ErrorContext {
  /** Text or tool-call pieces had already arrived when it failed. */
  streamed?: boolean;
  /** Our own watchdog fired (the SDK then reports only an abort). */
  timedOut?: boolean;
  timeoutMs?: number;
  /** The caller's signal was aborted. */
  aborted?: boolean;
  model?: string;
  baseUrl?: string;
}

type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeadersLike | undefined, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After in ms: `retry-after-ms`, then `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(h: HeadersLike | undefined, now = Date.now()): number | undefined {
  const ms = Number(header(h, 'retry-after-ms'));
  if (header(h, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = header(h, 'retry-after');
  if (raw === undefined || raw.trim() === '') return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** "8 s", "2 min": the wait as the panel says it. */
export function fmtWait(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`;
}

function detailOf(err: Record<string, unknown>): string | undefined {
  const body = err.error as { message?: unknown } | undefined;
  const m = typeof body?.message === 'string' ? body.message : typeof err.message === 'string' ? err.message : undefined;
  return m ? m.slice(0, 500) : undefined;
}

function causeCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++, e = e.cause as typeof e) if (typeof e.code === 'string') return e.code;
  return undefined;
}

export function makeError(kind: ErrorKind, message: string, retryable: boolean, extra: Partial<CopilotError> = {}): CopilotError {
  return { kind, message, retryable, ...extra };
}

/** Maps anything thrown by a model call to a CopilotError. */
export function toCopilotError(err: unknown, ctx: ErrorContext = {}): CopilotError {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  const ctorName = (err as { constructor?: { name?: string } } | null)?.constructor?.name ?? '';
  const detail = detailOf(e);
  if (ctx.timedOut || ctorName === 'APIConnectionTimeoutError' || name === 'TimeoutError') {
    const after = ctx.timeoutMs ? ` within ${fmtWait(ctx.timeoutMs)}` : ' in time';
    return makeError('timeout', ctx.streamed
      ? `The model stopped sending${after}; the answer so far is kept and marked incomplete.`
      : `The model did not answer${after}. Try again, or pick a faster model.`, true);
  }
  if (ctx.aborted || ctorName === 'APIUserAbortError' || name === 'AbortError') {
    return makeError('aborted', 'Stopped. What arrived so far is kept.', true);
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (status !== undefined) {
    const extra = { status, detail };
    if (status === 401 || status === 403) {
      return makeError('auth', 'The provider refused the API key. Check the key in Loupe’s settings.', false, extra);
    }
    if (status === 404) {
      const model = ctx.model ? `“${ctx.model}”` : 'this model';
      return makeError('model-not-found', `The provider does not know ${model}, or this key cannot use it. Pick another model in settings.`, false, extra);
    }
    if (status === 429) {
      const wait = retryAfterMs(e.headers as HeadersLike | undefined);
      const when = wait !== undefined ? ` in ${fmtWait(wait)}` : ' in a minute';
      return makeError('rate-limit', `The provider is limiting how often Loupe can ask. Try again${when}.`, true,
        wait !== undefined ? { ...extra, retryAfterMs: wait } : extra);
    }
    if (status >= 500) {
      return makeError('server', `The provider had a problem on its side (error ${status}). Try again in a moment.`, true, extra);
    }
    return makeError('bad-request', `The provider rejected the request (error ${status}).`, false, extra);
  }
  if (ctx.streamed) {
    return makeError('stream-cut', 'The answer was cut off in the middle; what arrived is kept and marked incomplete.', true, { detail });
  }
  const code = causeCode(err);
  if (ctorName === 'APIConnectionError' || name === 'TypeError' || (code && /^(ECONN|ENOTFOUND|EAI_|EHOST|ENET|UND_ERR)/.test(code))) {
    const where = ctx.baseUrl ? ` at ${ctx.baseUrl}` : '';
    return makeError('network', `Could not reach the model${where}. Is the server running and the address right?`, true, { detail: code ?? detail });
  }
  return makeError('unknown', 'Something went wrong while asking the model.', true, { detail });
}

export interface RetryPolicy {
  /** Retries after a 429. */
  rateLimitRetries: number;
  /** Retries after a 5xx. */
  serverRetries: number;
  baseDelayMs: number;
  /** A longer wait than this is not waited out: the person gets the error and can retry later. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { rateLimitRetries: 3, serverRetries: 2, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * The wait before retry number `attempt` (1-based), or null for no retry. Exponential backoff, but
 * never shorter than what the server asked for.
 */
export function retryDelay(error: CopilotError, attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number | null {
  const limit = error.kind === 'rate-limit' ? policy.rateLimitRetries : error.kind === 'server' ? policy.serverRetries : 0;
  if (attempt > limit) return null;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const wait = Math.max(backoff, error.retryAfterMs ?? 0);
  return wait > policy.maxDelayMs ? null : wait;
}

export function retryMessage(error: CopilotError, waitMs: number): string {
  const why = error.kind === 'rate-limit' ? 'The provider is rate-limiting requests' : 'The provider had a server error';
  return `${why}; retrying in ${fmtWait(waitMs)}.`;
}

/** Resolves after ms, or rejects with an AbortError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const t = setTimeout(() => { signal?.removeEventListener('abort', stop); resolve(); }, ms);
    const stop = () => { clearTimeout(t); reject(new DOMException('Aborted', 'AbortError')); };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
