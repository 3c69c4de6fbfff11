// Bundled by the bench (esbuild, IIFE) and run in a Chromium page: Loupe's own Dexie code (lib/db) on
// the browser's real IndexedDB, timing what the panel does: one log event a decision, a batch of
// events, reading a board's log and chat history back. Exposes window.loupeDbBench; writes to a
// database of its own name, deleted at the end.
import { z } from 'zod';
import { LoupeDb } from '../../lib/db';
import { appendLog, appendLogs, logForDashboard, type NewLogEvent } from '../../lib/db/log';
import { addChat, chatsForDashboard } from '../../lib/db/chats';

export interface DbBenchResult {
  /** One appendLog each (its own transaction), ms per event. */
  appendOne: number[];
  /** appendLogs of `batch` events in one transaction, ms. */
  appendBatch: number;
  batch: number;
  /** logForDashboard over every event of the board, ms, and how many it returned. */
  readLog: number;
  readLogCount: number;
  /** addChat of one answered turn, ms each, and the answer's length in characters. */
  addChat: number[];
  answerChars: number;
  /** chatsForDashboard over the board's turns, ms, and how many. */
  readChats: number;
  readChatsCount: number;
}

// The extension's CSP forbids eval, so in the panel zod validates without its compiled fast path; this
// bundle runs in a page that allows eval, so it is told to do the same, to time the panel's path.
z.config({ jitless: true });

const BOARD = 'http://127.0.0.1/bench-board/';

function event(i: number): NewLogEvent {
  return {
    at: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(), kind: i % 2 ? 'triaged' : 'finding-surfaced',
    actor: { kind: 'person', name: 'Bench' }, dashboard: BOARD, evidenceIds: ['E1', 'E4'],
    summary: `Bench event ${i}: activation fell 15% from Oct 10; marked real, with the reason given.`,
  };
}

async function run(opts: { single: number; batch: number; chats: number }): Promise<DbBenchResult> {
  const name = `loupe-bench-${Date.now()}`;
  const database = new LoupeDb(name);
  try {
    const appendOne: number[] = [];
    for (let i = 0; i < opts.single; i++) {
      const t0 = performance.now();
      await appendLog(database, event(i));
      appendOne.push(performance.now() - t0);
    }
    const events = Array.from({ length: opts.batch }, (_, i) => event(opts.single + i));
    let t0 = performance.now();
    await appendLogs(database, events);
    const appendBatch = performance.now() - t0;
    t0 = performance.now();
    const log = await logForDashboard(database, BOARD);
    const readLog = performance.now() - t0;
    const answer = 'Activation fell 15% from Oct 10 [E1]: from 42.1% to 35.8% [E4]. '.repeat(30);
    const add: number[] = [];
    for (let i = 0; i < opts.chats; i++) {
      const at = new Date(Date.UTC(2026, 9, 23, 9, i)).toISOString();
      const s = performance.now();
      await addChat(database, { dashboard: BOARD, question: `Why did activation drop? (${i})`, answer, status: 'done', provider: 'bench', citations: ['E1', 'E4'], createdAt: at, updatedAt: at });
      add.push(performance.now() - s);
    }
    t0 = performance.now();
    const chats = await chatsForDashboard(database, BOARD);
    const readChats = performance.now() - t0;
    return { appendOne, appendBatch, batch: opts.batch, readLog, readLogCount: log.length, addChat: add, answerChars: answer.length, readChats, readChatsCount: chats.length };
  } finally {
    database.close();
    await database.delete().catch(() => undefined);
  }
}

(window as unknown as { loupeDbBench: typeof run }).loupeDbBench = run;
