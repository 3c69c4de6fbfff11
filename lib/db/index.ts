import Dexie, { type EntityTable } from 'dexie';
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
    // v1, the first shipped version.
    this.version(1).stores({
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
    });
  }
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
