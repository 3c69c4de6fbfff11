import { z } from 'zod';
import { ORPHANED_ANSWER, type LoupeDb } from './index';

// Ask-tab conversation turns, one row a question, per dashboard. The question is written before any
// network call (design.md: "loses nothing"), the answer is written as it streams, so a panel closed
// mid-answer finds the partial answer on its next open. Every write is validated: IndexedDB would take
// anything, and a malformed row would break the history of that board forever.

export const CHAT_STATUSES = ['streaming', 'done', 'incomplete', 'error', 'stopped'] as const;
export const ChatStatus = z.enum(CHAT_STATUSES);

/** A number the verifier could not back, as offsets into `answer`. */
export const ChatMark = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string().max(100),
  status: z.enum(['unsupported', 'unknown-citation', 'wrong-chart']),
});

/** What a citation chip needs to point at the page, without the whole evidence item. */
export const ChatEvidence = z.object({
  /** E3 evidence, F1 a finding, N2 a note or past feedback (chartId empty: nothing to show on the page). */
  id: z.string().regex(/^[EFN]\d+$/),
  chartId: z.string().max(200),
  series: z.string().max(300).optional(),
  claim: z.string().max(600),
  points: z.array(z.union([z.string().max(60), z.number()])).max(60),
});

export const ChatRecord = z.object({
  id: z.number().int().optional(),
  dashboard: z.string().min(1).max(2000),
  question: z.string().trim().min(1).max(4000),
  answer: z.string().max(60_000).default(''),
  status: ChatStatus,
  /** The plain sentence shown for a failure or an early end. */
  error: z.string().max(1000).optional(),
  retryable: z.boolean().optional(),
  /** Waits the provider asked for along the way ("rate-limiting requests; retrying in 1 s"). */
  retries: z.array(z.string().max(300)).max(10).default([]),
  /** Evidence/finding ids the answer cites and that exist. */
  citations: z.array(z.string().regex(/^[EFN]\d+$/)).max(200).default([]),
  unsupported: z.number().int().nonnegative().default(0),
  marks: z.array(ChatMark).max(300).default([]),
  /** Ids of every evidence item the model was given. */
  evidenceIds: z.array(z.string().max(20)).max(1000).default([]),
  /** The cited items, compact: enough for the chips after a reload. */
  evidence: z.array(ChatEvidence).max(200).default([]),
  provider: z.string().max(200),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ChatStatus = z.infer<typeof ChatStatus>;
export type ChatMark = z.infer<typeof ChatMark>;
export type ChatEvidence = z.infer<typeof ChatEvidence>;
export type ChatRecord = z.infer<typeof ChatRecord>;
export type ChatRecordInput = z.input<typeof ChatRecord>;

/** Saves a new turn (validated) and returns it with its id. */
export async function addChat(database: LoupeDb, record: Omit<ChatRecordInput, 'id'>): Promise<ChatRecord> {
  const parsed = ChatRecord.parse(record);
  const id = await database.chats.add(parsed);
  return { ...parsed, id: Number(id) };
}

/** Merges a change into a saved turn, validating the result; undefined when the row is gone. */
export async function updateChat(database: LoupeDb, id: number, patch: Partial<Omit<ChatRecord, 'id' | 'dashboard' | 'createdAt'>>):
  Promise<ChatRecord | undefined> {
  return database.transaction('rw', database.chats, async () => {
    const row = await database.chats.get(id);
    if (!row) return undefined;
    const parsed = ChatRecord.parse({ ...row, ...patch, id });
    await database.chats.put(parsed);
    return parsed;
  });
}

/**
 * The board's turns, oldest first. A row still "streaming" belongs to a panel that was closed mid-answer
 * (its stream died with it): it is saved as incomplete, with what had arrived. Unreadable rows are
 * skipped rather than breaking the whole history.
 */
export async function chatsForDashboard(database: LoupeDb, dashboard: string,
  opts: { now?: string; live?: number[] } = {}): Promise<ChatRecord[]> {
  const now = opts.now ?? new Date().toISOString();
  const rows = await database.chats.where('dashboard').equals(dashboard).sortBy('createdAt');
  const out: ChatRecord[] = [];
  for (const row of rows) {
    const r = ChatRecord.safeParse(row);
    if (!r.success) continue;
    // `live`: turns this panel is still answering, which are not orphans.
    if (r.data.status === 'streaming' && r.data.id !== undefined && !opts.live?.includes(r.data.id)) {
      const fixed = await updateChat(database, r.data.id, {
        status: 'incomplete', retryable: true, updatedAt: now,
        error: ORPHANED_ANSWER,
      });
      if (fixed) out.push(fixed);
      continue;
    }
    out.push(r.data);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id ?? 0) - (b.id ?? 0));
}

/** Forgets a board's conversation ("Clear conversation"). */
export async function clearChats(database: LoupeDb, dashboard: string): Promise<number> {
  return database.chats.where('dashboard').equals(dashboard).delete();
}
