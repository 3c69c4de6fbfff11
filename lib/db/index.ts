import Dexie, { type EntityTable } from 'dexie';
import { TriageRecord, type TriageVerdict } from './schema';

/** Loupe's one database. Every version stays listed, so a browser on any older version migrates up.
 *  Index only what is queried; never a secret or a long text. */
export class LoupeDb extends Dexie {
  triage!: EntityTable<TriageRecord, 'id'>;

  constructor(name = 'loupe') {
    super(name);
    // v1: triage of findings (level 1).
    this.version(1).stores({ triage: '++id, key, dashboard, createdAt' });
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
