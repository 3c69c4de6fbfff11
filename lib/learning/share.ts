import { z } from 'zod';
import { NoteRow } from '../db/notes';
import { Rule } from '../guardrails/schema';

// Sharing what a team knows: notes (and escalation rules) as one JSON file. An import is previewed
// before anything is written: what it adds, what it replaces (same note uid, same rule name, different
// content) and what is already here. A file with any error applies nothing, and says what is wrong and
// where, because a half-applied file is harder to reason about than a rejected one.

export const NOTES_FORMAT = 'loupe.notes';
export const NOTES_VERSION = 1;
/** Far above any team's notes, far below what would freeze the panel while parsing. */
export const MAX_IMPORT_BYTES = 2_000_000;
const MAX_ERRORS = 20;

export const SharedNote = NoteRow.omit({ id: true });
export const SharedRule = Rule.omit({ id: true });

export const NotesFile = z.strictObject({
  format: z.literal(NOTES_FORMAT),
  version: z.literal(NOTES_VERSION),
  exportedAt: z.string().max(40).optional(),
  notes: z.array(SharedNote).max(2000),
  rules: z.array(SharedRule).max(500).default([]),
});

export type SharedNote = z.infer<typeof SharedNote>;
export type SharedRule = z.infer<typeof SharedRule>;
export type NotesFile = z.infer<typeof NotesFile>;

export type ImportItem =
  | { type: 'note'; incoming: SharedNote; existing?: NoteRow }
  | { type: 'rule'; incoming: SharedRule; existing?: Rule };

export interface ImportPreview {
  add: ImportItem[];
  replace: ImportItem[];
  unchanged: ImportItem[];
  /** Non-empty means the file is rejected: nothing will be applied. */
  errors: string[];
}

/** The file a team shares: notes without local ids, rules by name; stable key order, pretty-printed. */
export function exportNotes(notes: readonly NoteRow[], rules: readonly Rule[] = [], exportedAt?: string): string {
  const file: NotesFile = {
    format: NOTES_FORMAT,
    version: NOTES_VERSION,
    ...(exportedAt ? { exportedAt } : {}),
    notes: [...notes].sort((a, b) => a.uid.localeCompare(b.uid)).map((n) => SharedNote.parse(n)),
    // Rules from the database carry their row id, which the strict rule schema refuses: drop it.
    rules: [...rules].sort((a, b) => a.name.localeCompare(b.name)).map(({ id: _id, ...r }) => SharedRule.parse(r)),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(file)';
}

function reject(...errors: string[]): ImportPreview {
  return { add: [], replace: [], unchanged: [], errors };
}

/** Reads a shared file and says what it would do; nothing is written here. */
export function previewImport(json: string, existing: { notes: readonly NoteRow[]; rules?: readonly Rule[] }): ImportPreview {
  if (json.trim() === '') return reject('The file is empty.');
  if (json.length > MAX_IMPORT_BYTES) {
    return reject(`The file is too large (${(json.length / 1e6).toFixed(1)} MB); a notes file is at most ${MAX_IMPORT_BYTES / 1e6} MB.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return reject(`This is not a JSON file (${e instanceof Error ? e.message : 'it could not be parsed'}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return reject(`This is not a Loupe notes file: expected an object with "format": "${NOTES_FORMAT}".`);
  }
  const head = data as Record<string, unknown>;
  if (head.format !== NOTES_FORMAT) return reject(`This is not a Loupe notes file: "format" should be "${NOTES_FORMAT}".`);
  if (head.version === undefined) return reject(`This notes file has no "version"; this Loupe reads version ${NOTES_VERSION}.`);
  if (head.version !== NOTES_VERSION) {
    return reject(`This notes file is version ${JSON.stringify(head.version)}; this Loupe reads version ${NOTES_VERSION}.`);
  }
  const parsed = NotesFile.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, MAX_ERRORS).map((i) => `${pathOf(i.path)}: ${i.message}`);
    const more = parsed.error.issues.length - lines.length;
    return reject(...lines, ...(more > 0 ? [`…and ${more} more problems.`] : []));
  }
  return classify(parsed.data, existing);
}

function sameNote(a: SharedNote, b: NoteRow): boolean {
  const pick = (n: SharedNote) => JSON.stringify([n.text, n.dashboard.toLowerCase(), n.scope, n.period ?? null, n.by ?? null]);
  return pick(a) === pick(SharedNote.parse(b));
}

function classify(file: NotesFile, existing: { notes: readonly NoteRow[]; rules?: readonly Rule[] }): ImportPreview {
  const out: ImportPreview = { add: [], replace: [], unchanged: [], errors: [] };
  const byUid = new Map(existing.notes.map((n) => [n.uid, n]));
  const seen = new Set<string>();
  file.notes.forEach((incoming, i) => {
    if (seen.has(incoming.uid)) { out.errors.push(`notes[${i}].uid: "${incoming.uid}" appears twice in the file.`); return; }
    seen.add(incoming.uid);
    const same = byUid.get(incoming.uid) ?? existing.notes.find((n) => sameNote(incoming, n));
    if (!same) out.add.push({ type: 'note', incoming });
    else if (sameNote(incoming, same)) out.unchanged.push({ type: 'note', incoming, existing: same });
    else out.replace.push({ type: 'note', incoming, existing: same });
  });
  const byName = new Map((existing.rules ?? []).map((r) => [r.name.toLowerCase(), r]));
  const names = new Set<string>();
  file.rules.forEach((incoming, i) => {
    const key = incoming.name.toLowerCase();
    if (names.has(key)) { out.errors.push(`rules[${i}].name: "${incoming.name}" appears twice in the file.`); return; }
    names.add(key);
    const same = byName.get(key);
    const { id: _id, ...plain } = same ?? { id: undefined };
    if (!same) out.add.push({ type: 'rule', incoming });
    else if (JSON.stringify(SharedRule.parse(plain)) === JSON.stringify(incoming)) out.unchanged.push({ type: 'rule', incoming, existing: same });
    else out.replace.push({ type: 'rule', incoming, existing: same });
  });
  return out.errors.length ? reject(...out.errors) : out;
}

export interface ImportPlan {
  /** Rows to put: a replaced note keeps its local id, so it is updated rather than duplicated. */
  notes: NoteRow[];
  rules: Rule[];
}

/** What to write for an accepted preview (lib/db/notes.ts saveNotes writes the notes); throws on errors. */
export function applyImport(preview: ImportPreview, now: string): ImportPlan {
  if (preview.errors.length) throw new Error(`The file was not imported: ${preview.errors[0]}`);
  const notes: NoteRow[] = [];
  const rules: Rule[] = [];
  for (const item of [...preview.add, ...preview.replace]) {
    if (item.type === 'note') {
      notes.push(NoteRow.parse({ ...item.incoming, updatedAt: item.existing ? now : item.incoming.updatedAt, ...(item.existing?.id !== undefined ? { id: item.existing.id } : {}) }));
    } else {
      rules.push(Rule.parse({ ...item.incoming, ...(item.existing?.id !== undefined ? { id: item.existing.id } : {}) }));
    }
  }
  return { notes, rules };
}
