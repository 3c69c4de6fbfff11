import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addChat, chatsForDashboard, clearChats, updateChat } from '@/lib/db/chats';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`chats-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const board = 'http://127.0.0.1:4173/dashboards/growth/';
const turn = (over: Record<string, unknown> = {}) => ({
  dashboard: board, question: 'Why did activation fall?', status: 'done' as const, provider: 'Test model',
  createdAt: '2026-10-23T10:00:00.000Z', updatedAt: '2026-10-23T10:00:00.000Z', ...over,
});

describe('chats', () => {
  it('validates on write: a turn needs a question and a known status', async () => {
    await expect(addChat(database, turn({ question: '   ' }))).rejects.toThrow();
    await expect(addChat(database, turn({ status: 'thinking' as never }))).rejects.toThrow();
    const saved = await addChat(database, turn());
    await expect(updateChat(database, saved.id!, { unsupported: -1 })).rejects.toThrow();
    expect(await database.chats.count()).toBe(1);
  });

  it('lists a board’s turns oldest first, skipping unreadable rows', async () => {
    await addChat(database, turn({ question: 'second', createdAt: '2026-10-23T11:00:00.000Z' }));
    await addChat(database, turn({ question: 'first' }));
    await addChat(database, turn({ dashboard: 'http://127.0.0.1:4173/other/' }));
    await database.chats.add({ dashboard: board, createdAt: '2026-10-23T09:00:00.000Z', junk: true });
    expect((await chatsForDashboard(database, board)).map((t) => t.question)).toEqual(['first', 'second']);
  });

  it('saves a turn left streaming by a closed panel as incomplete, but not one still being answered', async () => {
    const orphan = await addChat(database, turn({ status: 'streaming', answer: 'Half' }));
    const live = await addChat(database, turn({ status: 'streaming', answer: 'Going', question: 'live' }));
    const rows = await chatsForDashboard(database, board, { live: [live.id!], now: '2026-10-23T12:00:00.000Z' });
    expect(rows.find((r) => r.id === orphan.id)).toMatchObject({ status: 'incomplete', answer: 'Half', retryable: true });
    expect(rows.find((r) => r.id === live.id)?.status).toBe('streaming');
    expect((await database.chats.get(orphan.id!))?.status).toBe('incomplete');
    expect(await clearChats(database, board)).toBe(2);
  });
});
