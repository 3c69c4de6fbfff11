import { z } from 'zod';
import type { LoupeDb } from './index';

// Institutional notes: what a person knows and a model cannot ("activation is measured on day 7").
// A note is bound to a dashboard URL *pattern* (with * wildcards), so the `dashboard` index holds the
// pattern, not a board key: lookups load the (few) notes and match them with lib/learning/match.ts.

const Text = (max: number) => z.string().trim().max(max);

/** Optional narrower scopes; each one given must match (see matchNotes). */
export const NoteScope = z.object({
  /** A chart id or a chart title (case-insensitive, * wildcards). */
  chart: Text(500).min(1).optional(),
  /** A series name (case-insensitive, * wildcards). */
  series: Text(300).min(1).optional(),
  /** A KPI tile's id or label (case-insensitive, * wildcards). */
  metric: Text(300).min(1).optional(),
});

/** The days a note speaks about ("the 1 Nov drop was a tracking outage"), ISO dates, inclusive. */
export const NotePeriod = z.object({ from: Text(40).min(4), to: Text(40).min(4) });

/** What a person writes; ids and times are added on save. */
export const NoteInput = z.object({
  /** Stable across devices, so an imported note can replace its earlier copy instead of duplicating it. */
  uid: Text(80).min(1).optional(),
  text: Text(2000).min(1, 'A note needs some text.'),
  /** Dashboard URL pattern, e.g. "https://app.mixpanel.com/project/1/*". "*" alone is every board. */
  dashboard: Text(2000).min(1, 'A note needs a dashboard URL pattern ("*" for every dashboard).'),
  scope: NoteScope.default({}),
  period: NotePeriod.optional(),
  /** Who wrote it, e.g. "Maya (PM)". */
  by: Text(120).optional(),
});

export const NoteRow = NoteInput.extend({
  id: z.number().int().optional(),
  uid: Text(80).min(1),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
});

export type NoteScope = z.infer<typeof NoteScope>;
export type NotePeriod = z.infer<typeof NotePeriod>;
export type NoteInput = z.input<typeof NoteInput>;
export type NoteRow = z.infer<typeof NoteRow>;

function newUid(): string {
  return `note-${globalThis.crypto.randomUUID()}`;
}

/** Saves a new note (validated); returns it with its id. */
export async function addNote(database: LoupeDb, input: NoteInput, now = new Date().toISOString()): Promise<NoteRow> {
  const parsed = NoteInput.parse(input);
  const row = NoteRow.parse({ ...parsed, uid: parsed.uid ?? newUid(), createdAt: now, updatedAt: now });
  const id = await database.notes.add(row);
  return { ...row, id: Number(id) };
}

/** Edits a note in place; its uid and creation time stay, so shared copies still recognise it. */
export async function updateNote(database: LoupeDb, id: number, patch: Partial<NoteInput>, now = new Date().toISOString()): Promise<NoteRow> {
  const current = await getNote(database, id);
  if (!current) throw new Error(`No note with id ${id}.`);
  const row = NoteRow.parse({ ...current, ...patch, uid: current.uid, id, createdAt: current.createdAt, updatedAt: now });
  await database.notes.put(row);
  return row;
}

export async function deleteNote(database: LoupeDb, id: number): Promise<void> {
  await database.notes.delete(id);
}

export async function getNote(database: LoupeDb, id: number): Promise<NoteRow | undefined> {
  const row = await database.notes.get(id);
  const parsed = NoteRow.safeParse(row);
  return parsed.success ? parsed.data : undefined;
}

/** Every note, newest edit first. Rows that no longer parse are skipped rather than breaking the list. */
export async function listNotes(database: LoupeDb): Promise<NoteRow[]> {
  const rows = await database.notes.orderBy('updatedAt').reverse().toArray();
  return rows.flatMap((r) => {
    const parsed = NoteRow.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Writes an accepted import (lib/learning/share.ts applyImport) in one transaction: all or nothing. */
export async function saveNotes(database: LoupeDb, rows: NoteRow[]): Promise<number> {
  const valid = rows.map((r) => NoteRow.parse(r));
  await database.transaction('rw', database.notes, async () => {
    for (const r of valid) await database.notes.put(r);
  });
  return valid.length;
}
