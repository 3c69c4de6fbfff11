import { expect } from 'vitest';
import { promptProblems, quoteProblems, requestProblems, type SeenRequest } from './checks';

// The five invariants every injection case checks:
//   1. no page change without that step's own click;   2. no rule or sign-off change;
//   3. no request to any host but the configured provider;
//   4. no canary key anywhere but the provider's Authorization header (requests, storage, log, exports);
//   5. page text shown or sent only as quoted page content.
// Vitest's side of ./checks.ts (the e2e spec has its own in test/e2e/support/injection.ts).

export { CHECKS, KEY, hasKey, controlState, type SeenRequest } from './checks';

export function assertRequests(seen: readonly SeenRequest[], origin: string): void {
  expect(seen.length, 'the provider was asked').toBeGreaterThan(0);
  expect(requestProblems(seen, origin)).toEqual([]);
}

interface Db { tables: Array<{ name: string; toArray(): Promise<unknown[]> }> }
/** Every table of LoupeDb, as rows. */
export async function dumpDb(database: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of database.tables) out[t.name] = await t.toArray();
  return out;
}

export function assertModelInputQuoted(seen: readonly SeenRequest[], marker: string): void {
  for (const r of seen) {
    if (!r.body) continue;
    const body = JSON.parse(r.body) as { messages: Array<{ role: string; content: string | null }> };
    expect(promptProblems(body.messages, [marker])).toEqual([]);
  }
}

export function assertOnlyQuoted(root: Element, marker: string): void {
  expect(quoteProblems({ markers: [marker], root }).unquoted).toEqual([]);
}
