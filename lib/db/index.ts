import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { TriageRecord, type TriageVerdict } from './schema';

/** A row whose shape the owning module declares with zod (lib/db/<area>.ts) and validates on write. */
type Row = { id?: number } & Record<string, unknown>;

/** Loupe's one database. Every version stays listed, so a browser on any older version migrates up.
 *  Index only what is queried; never a secret (the API key lives in extension storage, not here) or a
 *  long text. Each table belongs to one module, which validates what it writes. */
export class LoupeDb extends Dexie {
  /** Level 1: a person's triage of a finding (lib/db/schema.ts). */
  triage!: EntityTable<TriageRecord, 'id'>;
  /** Ask: conversation turns per dashboard (lib/db/chats.ts). */
  chats!: EntityTable<Row, 'id'>;
  /** Level 2: proposals for a confirmed finding and the person's decision on each. */
  proposals!: EntityTable<Row, 'id'>;
  /** Level 3: drafts of typed steps, their checkpoint answers and step states. */
  drafts!: EntityTable<Row, 'id'>;
  /** Level 3: the state before each page step, written (strict durability) before the step runs. */
  undo!: EntityTable<Row, 'id'>;
  /** Escalation rules (data, editable by a person only). */
  rules!: EntityTable<Row, 'id'>;
  /** Recorded sign-offs: name, role, time, note. */
  signoffs!: EntityTable<Row, 'id'>;
  /** The append-only decision log of every event. */
  log!: EntityTable<Row, 'id'>;
  /** Level 4: institutional notes bound to a dashboard URL pattern (and optionally a chart/series). */
  notes!: EntityTable<Row, 'id'>;
  /** Level 4: flags on anything Loupe said (missing, misleading, wrong number, irrelevant). */
  feedback!: EntityTable<Row, 'id'>;

  constructor(name = 'loupe') {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
  }
}

/** v1, the first shipped version. Never edit a shipped version: add the next one below. */
export const SCHEMA_V1 = {
  triage: '++id, key, dashboard, createdAt',
  chats: '++id, dashboard, createdAt',
  proposals: '++id, findingKey, dashboard, createdAt',
  drafts: '++id, proposalId, dashboard, updatedAt',
  undo: '++id, draftId, createdAt',
  rules: '++id, &name',
  signoffs: '++id, draftId, createdAt',
  log: '++id, dashboard, at, kind',
  notes: '++id, dashboard, updatedAt',
  feedback: '++id, dashboard, targetKey, createdAt',
} as const;

/** v2: indexes the queries actually run. The decision log of a board is read by time range for the
 *  Log tab and the export; v1 loaded every event of the board and filtered and sorted in memory, and
 *  the log only grows. `[dashboard+at]` answers the range in order (ties in append order, the
 *  primary key). Sign-offs are listed by `at`; v1 indexed a `createdAt` no sign-off has. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  signoffs: '++id, draftId, at',
  log: '++id, dashboard, at, kind, [dashboard+at]',
} as const;

/** The answer text of a turn that was streaming when the database was last used by v1. */
export const ORPHANED_ANSWER = 'The panel was closed before the answer finished; what had arrived is kept.';

/** Moving to v2 happens only once every v1 panel has closed its connection, so a turn still marked
 *  "streaming" cannot be streaming: nothing will ever finish it. Mark it incomplete (what had
 *  arrived is kept, and it can be retried) rather than leave a spinner in the history and the export. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx.table('chats').toCollection().modify((row: Record<string, unknown>) => {
    if (row.status !== 'streaming') return;
    row.status = 'incomplete';
    row.retryable = true;
    row.error = ORPHANED_ANSWER;
  });
}

let shared: LoupeDb | undefined;
export function db(): LoupeDb {
  shared ??= new LoupeDb();
  return shared;
}

/** Saves a triage (validated); the newest triage of a finding is its current verdict. */
export async function saveTriage(database: LoupeDb, record: Omit<TriageRecord, 'id'>): Promise<TriageRecord> {
  const parsed = TriageRecord.parse(record);
  const id = await database.triage.add(parsed);
  return { ...parsed, id };
}

/** The current verdict per finding key for one board. */
export async function triageForDashboard(database: LoupeDb, dashboard: string): Promise<Map<string, TriageRecord>> {
  const rows = await database.triage.where('dashboard').equals(dashboard).sortBy('createdAt');
  const latest = new Map<string, TriageRecord>();
  for (const r of rows) latest.set(r.key, r);
  return latest;
}

export type { TriageRecord, TriageVerdict };
