// A reader's result crosses from the page to the background as one JSON string. Chrome converts an
// executeScript result object value by value; for a 100,000-point board that took ~8 s of a ~10 s
// read, while one string of the same data crosses in milliseconds. The background parses it and then
// validates it like any page-controlled value (a page may even have replaced JSON.stringify). The
// snapshot goes on to the panel the same way, as one string (readTab's ReadReply).
import type { DashboardSnapshot } from './schema';
import type { ReadOutcome, ReadReply } from '@/lib/messaging/protocol';

export function toWire(value: unknown): string {
  return JSON.stringify(value);
}

/** The reader's result: parsed when it came as a string, as-is otherwise; null when unreadable. */
export function fromWire(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

/** The background's side of readTab: the validated snapshot as one string. */
export function encodeRead(outcome: ReadOutcome): ReadReply {
  return outcome.ok ? { ok: true, snapshotJson: JSON.stringify(outcome.snapshot) } : outcome;
}

/** The panel's side: the background validated the snapshot before encoding it, so parsing is enough;
 *  a reply that does not parse is a failure a person can act on, never a crash. */
export function decodeRead(reply: ReadReply): ReadOutcome {
  if (!reply.ok) return reply;
  try {
    return { ok: true, snapshot: JSON.parse(reply.snapshotJson) as DashboardSnapshot };
  } catch {
    return { ok: false, reason: 'error', message: 'Loupe could not read its own reply from the background page. Read again.' };
  }
}
