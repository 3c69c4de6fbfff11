// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addFeedback, listFeedback } from '@/lib/db/feedback';
import { addNote, listNotes } from '@/lib/db/notes';
import { dashboardKey } from '@/lib/db/schema';
import { exportNotes } from '@/lib/learning';
import { activationBoard } from '../stores/findings-fixture';
import { act, allByRole, cleanup, click, getByRole } from './render';
import { chooseFile, field, fill, flush, form, forms, renderPanel, submit } from './learning-harness';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`notes-ui-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); vi.restoreAllMocks(); });

const board = activationBoard();
const boardKey = dashboardKey(board.url);
const notesList = (el: HTMLElement) => getByRole(el, 'list', 'Notes');
const items = (list: HTMLElement) => Array.from(list.querySelectorAll(':scope > li')).map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('Notes: add, edit, delete', () => {
  it('adds a note bound to this board and a chart; a note without text is refused with a reason', async () => {
    const { el } = await renderPanel(database, board, 'Notes & rules');
    expect(el.textContent).toContain('No notes yet.');
    await click(getByRole(el, 'button', 'Add a note'));
    const f = form(el, 'Add a note');
    expect(field(f, /^Dashboard URL pattern/).value).toBe(boardKey);

    await submit(getByRole(f, 'button', 'Add note'));
    expect(getByRole(f, 'alert').textContent).toBe('A note needs some text.');
    expect(await listNotes(database)).toEqual([]);

    await fill(field<HTMLTextAreaElement>(f, 'Note'), 'Activation is measured on day 7');
    await fill(field<HTMLSelectElement>(f, /^Chart/), 'activation-rate');
    await fill(field(f, /^Written by/), 'Maya (PM)');
    await submit(getByRole(f, 'button', 'Add note'));

    expect(forms(el).filter((f) => f.getAttribute('aria-label') === 'Add a note')).toHaveLength(0);
    expect(items(notesList(el))).toEqual([expect.stringMatching(/^Activation is measured on day 7 — Maya \(PM\)\s?\S+ · chart activation-rate/)]);
    const [saved] = await listNotes(database);
    expect(saved).toMatchObject({ text: 'Activation is measured on day 7', dashboard: boardKey, scope: { chart: 'activation-rate' }, by: 'Maya (PM)' });
  });

  it('edits a note in place and deletes it', async () => {
    await addNote(database, { text: 'The 1 Nov drop was a tracking outage', dashboard: boardKey, scope: {} });
    const { el } = await renderPanel(database, board, 'Notes & rules');
    await click(getByRole(el, 'button', 'Edit note: The 1 Nov drop was a tracking outage'));
    const f = form(el, 'Edit note');
    expect(field<HTMLTextAreaElement>(f, 'Note').value).toBe('The 1 Nov drop was a tracking outage');
    await fill(field<HTMLTextAreaElement>(f, 'Note'), 'The 1 Nov drop was a tracking outage (fixed 3 Nov)');
    await submit(getByRole(f, 'button', 'Save note'));

    expect(items(notesList(el))[0]).toMatch(/^The 1 Nov drop was a tracking outage \(fixed 3 Nov\)/);
    const rows = await listNotes(database);
    expect(rows.map((n) => n.text)).toEqual(['The 1 Nov drop was a tracking outage (fixed 3 Nov)']);

    await submit(getByRole(el, 'button', 'Delete note: The 1 Nov drop was a tracking outage (fixed 3 Nov)'));
    expect(items(notesList(el))).toEqual([]);
    expect(el.textContent).toContain('No notes yet.');
    expect(await listNotes(database)).toEqual([]);
  });

  it('Cancel leaves the notes as they were', async () => {
    const { el } = await renderPanel(database, board, 'Notes & rules');
    await click(getByRole(el, 'button', 'Add a note'));
    await fill(field<HTMLTextAreaElement>(form(el, 'Add a note'), 'Note'), 'half-written');
    await click(getByRole(form(el, 'Add a note'), 'button', 'Cancel'));
    expect(forms(el)).toHaveLength(0);
    expect(await listNotes(database)).toEqual([]);
  });
});

describe('Notes: sharing as a file', () => {
  it('an import shows what it will add and replace, writes nothing until Import, then applies it', async () => {
    const local = await addNote(database, { uid: 'day7', text: 'Activation is measured on day 7', dashboard: boardKey, scope: {} });
    const file = exportNotes([
      { ...local, text: 'Activation is measured on day 14 since Sep' },
      { ...local, uid: 'acme', text: 'Feature X was built for Acme: never propose removing it' },
    ], [{ name: 'Metric change', when: [{ field: 'metric', op: 'in', value: ['activation', 'retention'] }], require: { role: 'analyst', signoffs: 1 }, message: 'Metric changes need an analyst.' }],
    '2026-10-23T00:00:00.000Z');
    const { el } = await renderPanel(database, board, 'Notes & rules');

    await chooseFile(field(el, 'Import notes and rules…'), 'team-notes.json', file);
    const preview = getByRole(el, 'region', 'Import preview');
    expect(preview.querySelector('p')!.textContent).toBe('team-notes.json: adds 2, replaces 1, already here 0.');
    const added = preview.querySelectorAll('h3 + ul')[0];
    const replaced = preview.querySelectorAll('h3 + ul')[1];
    expect(added.textContent).toContain('Note: Feature X was built for Acme');
    expect(added.textContent).toContain('Rule: Metric change');
    expect(replaced.textContent).toBe('Note: Activation is measured on day 14 since Sep');
    expect((await listNotes(database)).map((n) => n.text)).toEqual(['Activation is measured on day 7']);

    await submit(getByRole(preview, 'button', 'Import'));
    expect(allByRole(el, 'region', 'Import preview')).toHaveLength(0);
    expect(getByRole(el, 'status', 'Imported.')).toBeTruthy();
    expect((await listNotes(database)).map((n) => n.text).sort()).toEqual(['Activation is measured on day 14 since Sep', 'Feature X was built for Acme: never propose removing it']);
    expect(items(getByRole(el, 'list', 'Escalation rules')).some((t) => t.startsWith('Metric change'))).toBe(true);
  });

  it('rejects a malformed file with a clear message and changes nothing', async () => {
    await addNote(database, { text: 'Keep me', dashboard: boardKey, scope: {} });
    const { el } = await renderPanel(database, board, 'Notes & rules');
    await chooseFile(field(el, 'Import notes and rules…'), 'notes.json', '{"format":"loupe.notes", "notes": [');
    const alert = getByRole(el, 'alert');
    expect(alert.textContent).toMatch(/^notes\.json was not imported; nothing changed:This is not a JSON file \(/);
    expect(allByRole(el, 'button', 'Import')).toHaveLength(0);
    await click(getByRole(alert, 'button', 'Dismiss'));
    expect(allByRole(el, 'alert')).toHaveLength(0);
    expect((await listNotes(database)).map((n) => n.text)).toEqual(['Keep me']);
  });

  it('exports the notes and rules as a JSON file a teammate can import', async () => {
    await addNote(database, { text: 'Activation is measured on day 7', dashboard: boardKey, scope: {} });
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => { blobs.push(b); return 'blob:notes'; }, revokeObjectURL: () => undefined });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^loupe-notes-\d{4}-\d{2}-\d{2}\.json$/);
    });
    const { el } = await renderPanel(database, board, 'Notes & rules');
    await click(getByRole(el, 'button', 'Export notes and rules'));
    expect(clicked).toHaveBeenCalledOnce();
    const data = JSON.parse(await blobs[0].text());
    expect(data.format).toBe('loupe.notes');
    expect(data.notes.map((n: { text: string }) => n.text)).toEqual(['Activation is measured on day 7']);
    expect(data.rules.map((r: { name: string }) => r.name)).toEqual(['Budget change over 10%', 'Customer-facing change']);
  });
});

describe('What Loupe has learned', () => {
  it('lists a flag with its comment and forgets it on request', async () => {
    await addFeedback(database, {
      dashboard: boardKey, targetKey: 'k', target: 'finding', kind: 'wrong-number', comment: 'The Oct 10 value double-counts trials',
      quote: 'Activation rate fell 15% from Oct 10, 2026', chartId: 'activation-rate',
    });
    const { el } = await renderPanel(database, board, 'Notes & rules');
    const learned = getByRole(el, 'list', 'What Loupe has learned');
    expect(items(learned)).toEqual([expect.stringMatching(/^Flagged “Activation rate fell 15% from Oct 10, 2026” as a wrong number: The Oct 10 value double-counts trials/)]);
    await submit(getByRole(learned, 'button', /^Forget flag on Activation rate fell/));
    expect(items(getByRole(el, 'list', 'What Loupe has learned'))).toEqual([]);
    expect(el.textContent).toContain('Nothing yet: triage a finding as expected or noise, or flag one.');
    expect(await listFeedback(database)).toEqual([]);
  });

  it('lists a finding hidden by an “expected” verdict, and Show again brings it back', async () => {
    // Each read is new: a verdict applies to the reads after it.
    const { el, store } = await renderPanel(database, () => ({ ...board, readAt: new Date().toISOString() }));
    const f1 = store.getState().analysis!.findings[0];
    await act(async () => {
      await store.getState().triageFinding(f1, 'expected', 'Onboarding v2 launch');
      await new Promise((r) => setTimeout(r, 5));
      await store.getState().readAgain();
    });
    await flush();
    await click(getByRole(el, 'tab', 'Notes & rules'));
    await flush();
    const learned = getByRole(el, 'list', 'What Loupe has learned');
    expect(items(learned)[0]).toContain(`Hides “${f1.title}”`);
    expect(items(learned)[0]).toContain('Onboarding v2 launch');
    await submit(getByRole(learned, 'button', `Show again ${f1.title}`));
    expect(items(getByRole(el, 'list', 'What Loupe has learned'))).toEqual([]);
  });
});
