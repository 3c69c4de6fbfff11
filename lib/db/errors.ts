// IndexedDB failures in words a person can act on. A full disk or a full origin quota is the one a
// person can fix, so it is named plainly; Dexie wraps the DOMException and keeps its name, and a
// failed transaction carries the cause as `inner`.

export const QUOTA_MESSAGE = 'Your browser has no more room for Loupe’s data, so nothing was saved. Free some disk space or clear old conversations, then try again.';

export function isQuotaError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { name?: unknown; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError') return true;
    cur = err.inner ?? err.cause;
  }
  return false;
}

/** The sentence for a failed write: the quota sentence, else the error's own message, cut short. */
export function storageErrorMessage(e: unknown): string {
  if (isQuotaError(e)) return QUOTA_MESSAGE;
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}
