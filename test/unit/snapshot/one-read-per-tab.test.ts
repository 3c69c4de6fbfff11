import { describe, expect, it } from 'vitest';
import { oneReadPerTab } from '@/lib/snapshot/read-tab';

// Two reads of one tab at once cleared each other's chart claims on the page and lost charts (seen in
// CI: a panel and the test harness reading the same board). The background now queues them per tab.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('oneReadPerTab', () => {
  it('runs a second read of the same tab only after the first has finished', async () => {
    const queue = oneReadPerTab();
    const events: string[] = [];
    const gate = deferred();
    const first = queue(7, async () => { events.push('first starts'); await gate.promise; events.push('first ends'); return 1; });
    const second = queue(7, async () => { events.push('second starts'); return 2; });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['first starts']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('lets reads of different tabs run together, and a failed read does not block the next', async () => {
    const queue = oneReadPerTab();
    const gate = deferred();
    const events: string[] = [];
    const slow = queue(1, async () => { await gate.promise; return 'tab 1'; });
    expect(await queue(2, async () => { events.push('tab 2'); return 'tab 2'; })).toBe('tab 2');
    gate.resolve();
    expect(await slow).toBe('tab 1');
    await expect(queue(3, async () => { throw new Error('page went away'); })).rejects.toThrow('page went away');
    expect(await queue(3, async () => 'read again')).toBe('read again');
    expect(events).toEqual(['tab 2']);
  });
});
