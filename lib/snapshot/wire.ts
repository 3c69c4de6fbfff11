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

/** A result Loupe refuses before validation, with the reason a note will give. */
export class Unusable {
  constructor(readonly reason: string) {}
}

/** Largest reader result accepted: a 100,000-point board is a few MB; anything far beyond is a page
 *  trying to exhaust the background's memory. */
export const MAX_WIRE_CHARS = 64 * 1024 * 1024;
/** Deeper than any snapshot (result → charts → chart → series → points → point is 6 levels). */
const MAX_DEPTH = 16;
/** Keys that could reach an object's prototype if some later code merged the value into another. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The reader's result as plain data: parsed when it came as a string, copied when it came as an
 *  object (an older reader); null when there is nothing. What cannot be plain data — an accessor, a
 *  function, a class instance, a prototype key, a string past the size limit, nesting past any real
 *  snapshot — comes back as Unusable and is never called or merged. */
export function fromWire(value: unknown, maxChars = MAX_WIRE_CHARS): unknown {
  if (value == null) return null;
  if (typeof value === 'string') {
    if (value.length > maxChars) return new Unusable('its result was larger than any dashboard reading');
    let parsed: unknown;
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
    // JSON.parse makes only plain data (a `__proto__` key becomes an own key, not a prototype), and
    // the assembler's schemas copy known keys only; copying 100,000 points again would slow every read.
    return parsed;
  }
  return plainCopy(value, 0);
}

/** A fresh copy built from own data properties only, read through their descriptors so no getter
 *  runs; prototype keys are dropped (JSON.parse makes `__proto__` an own key). */
function plainCopy(value: unknown, depth: number): unknown {
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (typeof value !== 'object') return new Unusable(`it held a ${typeof value}`);
  if (depth > MAX_DEPTH) return new Unusable('it was nested deeper than any dashboard reading');
  const proto = Object.getPrototypeOf(value) as unknown;
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return new Unusable('it held an object that was not plain data');
  const out: Record<string, unknown> | unknown[] = isArray ? [] : {};
  for (const key of Object.keys(value)) {
    if (POISON_KEYS.has(key)) continue;
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (!desc || !('value' in desc)) return new Unusable(`its “${key.slice(0, 40)}” was a getter, not data`);
    const copied = plainCopy(desc.value, depth + 1);
    if (copied instanceof Unusable) return copied;
    if (copied !== undefined) (out as Record<string, unknown>)[key] = copied;
  }
  return out;
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
