import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addNote, deleteNote, getNote, listNotes, saveNotes, updateNote } from '@/lib/db/notes';
import { applyImport, exportNotes, previewImport } from '@/lib/learning';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`test-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

describe('notes table', () => {
  it('adds, edits and deletes a note; the uid and creation time survive an edit', async () => {
    const n = await addNote(database, { text: ' Activation is measured on day 7 ', dashboard: 'app.example.test/*' }, '2026-10-01T00:00:00.000Z');
    expect(n).toMatchObject({ text: 'Activation is measured on day 7', scope: {}, uid: expect.stringMatching(/^note-/) });
    const edited = await updateNote(database, n.id!, { text: 'Activation is measured on day 14', scope: { chart: 'activation' } }, '2026-10-02T00:00:00.000Z');
    expect(edited).toMatchObject({ uid: n.uid, createdAt: '2026-10-01T00:00:00.000Z', updatedAt: '2026-10-02T00:00:00.000Z', scope: { chart: 'activation' } });
    expect((await listNotes(database)).map((x) => x.text)).toEqual(['Activation is measured on day 14']);
    await deleteNote(database, n.id!);
    expect(await getNote(database, n.id!)).toBeUndefined();
  });

  it('rejects a note without text or pattern and writes nothing', async () => {
    await expect(addNote(database, { text: '   ', dashboard: '*' })).rejects.toThrow(/A note needs some text/);
    await expect(addNote(database, { text: 'x', dashboard: '' })).rejects.toThrow(/URL pattern/);
    expect(await database.notes.count()).toBe(0);
  });

  it('an import round-trips: replaced notes are updated in place, new ones added', async () => {
    const a = await addNote(database, { text: 'A', dashboard: '*' }, '2026-10-01T00:00:00.000Z');
    const shared = exportNotes([{ ...a, text: 'A, reworded' }, { uid: 'b', text: 'B', dashboard: '*', scope: {}, createdAt: 'x', updatedAt: 'x' }]);
    const plan = applyImport(previewImport(shared, { notes: await listNotes(database) }), '2026-10-05T00:00:00.000Z');
    expect(await saveNotes(database, plan.notes)).toBe(2);
    expect((await listNotes(database)).map((n) => [n.uid === a.uid, n.text]).sort()).toEqual([[false, 'B'], [true, 'A, reworded']]);
    expect(await database.notes.count()).toBe(2);
  });
});
