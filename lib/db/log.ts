import Dexie from 'dexie';
import { LogEvent, type Actor } from '../guardrails/schema';
import type { LoupeDb } from './index';

// The decision log: every event of levels 1–3 (finding surfaced, triage, proposal, decision, checkpoint,
// rule, sign-off, step, revert, kill switch), each with time, actor and evidence ids. Append-only by
// construction: this module is the log's only writer and it has no update or delete.

export type NewLogEvent = Omit<LogEvent, 'id'>;

/** Appends one event (validated). Resolves with the stored row, id included. */
export async function appendLog(database: LoupeDb, event: NewLogEvent): Promise<LogEvent> {
  const parsed = LogEvent.parse(event);
  const { id: _ignored, ...row } = parsed; // the log numbers its rows; a caller cannot pick a slot
  const id = await database.log.add(row);
  return { ...row, id: id as number };
}

/** Appends several events in one transaction, in the order given (all or none). */
export async function appendLogs(database: LoupeDb, events: readonly NewLogEvent[]): Promise<LogEvent[]> {
  const rows = events.map((e) => { const { id: _ignored, ...row } = LogEvent.parse(e); return row; });
  return database.transaction('rw', database.log, async () => {
    const out: LogEvent[] = [];
    for (const row of rows) out.push({ ...row, id: (await database.log.add(row)) as number });
    return out;
  });
}

function byTimeThenId(a: LogEvent, b: LogEvent): number {
  return a.at === b.at ? (a.id ?? 0) - (b.id ?? 0) : a.at < b.at ? -1 : 1;
}

/** A board's events in time order (append order for equal times), optionally within [from, to]. The
 *  `[dashboard+at]` index (schema v2) gives exactly that range in that order. */
export async function logForDashboard(database: LoupeDb, dashboard: string, range: { from?: string; to?: string } = {}): Promise<LogEvent[]> {
  const rows = await database.log
    .where('[dashboard+at]')
    .between([dashboard, range.from ?? Dexie.minKey], [dashboard, range.to ?? Dexie.maxKey], true, true)
    .toArray();
  // Already in this order; sorting again is cheap and keeps the order this function's own promise.
  return rows.map((r) => LogEvent.parse(r)).sort(byTimeThenId);
}

/** Every event, in append order (for export). */
export async function allLog(database: LoupeDb): Promise<LogEvent[]> {
  return (await database.log.orderBy(':id').toArray()).map((r) => LogEvent.parse(r));
}

/** The "pause AI" switch lives in the log itself: its state is the newest pause/resume event, so
 *  every flip is on the record with who flipped it. */
export async function isAiPaused(database: LoupeDb): Promise<boolean> {
  const flips = await database.log.where('kind').anyOf(['ai-paused', 'ai-resumed']).toArray();
  if (!flips.length) return false;
  const last = flips.reduce((a, b) => ((b.id as number) > (a.id as number) ? b : a));
  return last.kind === 'ai-paused';
}

/** Flips the "pause AI" switch; only a person can (a model or the page asking to resume is refused). */
export async function setAiPaused(database: LoupeDb, paused: boolean, actor: Actor, at: string): Promise<{ ok: boolean; message: string }> {
  if (actor.kind !== 'person') {
    await appendLog(database, { at, kind: 'refused', actor, dashboard: '', evidenceIds: [], summary: `Refused: a ${actor.kind} cannot ${paused ? 'pause' : 'resume'} AI` });
    return { ok: false, message: `Only a person can ${paused ? 'pause' : 'resume'} AI.` };
  }
  await appendLog(database, { at, kind: paused ? 'ai-paused' : 'ai-resumed', actor, dashboard: '', evidenceIds: [], summary: paused ? 'AI paused: no proposals, no steps run' : 'AI resumed' });
  return { ok: true, message: paused ? 'AI paused' : 'AI resumed' };
}
