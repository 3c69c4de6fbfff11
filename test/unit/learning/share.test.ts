import { describe, expect, it } from 'vitest';
import { applyImport, exportNotes, previewImport } from '@/lib/learning';
import type { Rule } from '@/lib/guardrails/schema';
import { note } from './fixtures';

const acme = note({ uid: 'acme', text: 'Feature X was built for Acme: never propose removing it', dashboard: 'app.example.test/*', id: 3 });
const day7 = note({ uid: 'day7', text: 'Activation is measured on day 7', scope: { chart: 'activation' }, id: 4 });
const rule: Rule = { name: 'Budget over 10%', when: [{ field: 'budgetChangePct', op: '>', value: 10 }], require: { role: 'reviewer', signoffs: 1 }, message: 'Budget changes over 10% need a reviewer.' };

describe('exportNotes / previewImport / applyImport', () => {
  const file = exportNotes([day7, acme], [rule], '2026-10-23T00:00:00.000Z');

  it('exports a stable, id-free file', () => {
    const data = JSON.parse(file);
    expect(data).toMatchObject({ format: 'loupe.notes', version: 1, exportedAt: '2026-10-23T00:00:00.000Z' });
    expect(data.notes.map((n: { uid: string }) => n.uid)).toEqual(['acme', 'day7']);
    expect(file).not.toContain('"id"');
    expect(exportNotes([acme, day7], [rule], '2026-10-23T00:00:00.000Z')).toBe(file);
  });

  it('exports rules as read from the database, row ids left out', () => {
    expect(exportNotes([day7, acme], [{ ...rule, id: 12 }], '2026-10-23T00:00:00.000Z')).toBe(file);
  });

  it('into an empty store, everything is added', () => {
    const p = previewImport(file, { notes: [] });
    expect(p.errors).toEqual([]);
    expect(p.add.map((i) => i.type)).toEqual(['note', 'note', 'rule']);
  });

  it('shows what it will add, replace and leave alone before applying', () => {
    const edited = { ...day7, text: 'Activation is measured on day 14 since Sep' };
    const p = previewImport(file, { notes: [edited, { ...acme, uid: 'local-copy', id: 9 }], rules: [{ ...rule, id: 1, message: 'Old wording' }] });
    expect(p.errors).toEqual([]);
    expect(p.add).toEqual([]);
    expect(p.unchanged).toMatchObject([{ type: 'note', incoming: { uid: 'acme' }, existing: { uid: 'local-copy' } }]);
    expect(p.replace).toMatchObject([{ type: 'note', incoming: { uid: 'day7' }, existing: { id: 4 } }, { type: 'rule', existing: { id: 1 } }]);
    const plan = applyImport(p, '2026-10-24T00:00:00.000Z');
    expect(plan.notes).toMatchObject([{ id: 4, uid: 'day7', text: 'Activation is measured on day 7', updatedAt: '2026-10-24T00:00:00.000Z' }]);
    expect(plan.rules).toMatchObject([{ id: 1, message: 'Budget changes over 10% need a reviewer.' }]);
  });

  const valid = JSON.parse(file);
  it.each([
    ['an empty file', '', 'The file is empty.'],
    ['whitespace', '   \n', 'The file is empty.'],
    ['not JSON', 'Feature X was built for Acme', /^This is not a JSON file \(/],
    ['a JSON array', '[]', 'This is not a Loupe notes file: expected an object with "format": "loupe.notes".'],
    ['another format', '{"format":"loupe.export","version":1}', 'This is not a Loupe notes file: "format" should be "loupe.notes".'],
    ['a newer version', '{"format":"loupe.notes","version":2,"notes":[]}', 'This notes file is version 2; this Loupe reads version 1.'],
    ['a missing version', '{"format":"loupe.notes","notes":[]}', 'This notes file has no "version"; this Loupe reads version 1.'],
    ['a note text of the wrong type', JSON.stringify({ ...valid, notes: [{ ...valid.notes[0], text: 42 }] }), /^notes\[0\]\.text: /],
    ['a huge string', JSON.stringify({ ...valid, notes: [valid.notes[0], { ...valid.notes[1], text: 'x'.repeat(100_000) }] }), /^notes\[1\]\.text: Too big/],
    ['an empty note', JSON.stringify({ ...valid, notes: [{ ...valid.notes[0], text: '  ' }] }), 'notes[0].text: A note needs some text.'],
    ['a bad rule field', JSON.stringify({ ...valid, rules: [{ ...valid.rules[0], when: [{ field: 'x', op: 'eval', value: 1 }] }] }), /^rules\[0\]\.when\[0\]\.op: /],
    ['an unknown top-level key', JSON.stringify({ ...valid, script: 'alert(1)' }), /^\(file\): Unrecognized key/],
    ['a duplicated uid', JSON.stringify({ ...valid, notes: [valid.notes[0], valid.notes[0]] }), 'notes[1].uid: "acme" appears twice in the file.'],
    ['a file over the size limit', ' '.repeat(2_000_001) + '{}', /^The file is too large \(2\.0 MB\)/],
  ])('rejects %s with a clear message, and applies nothing', (_label, json, message) => {
    const p = previewImport(json, { notes: [acme] });
    expect(p.errors[0]).toMatch(message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect([p.add, p.replace, p.unchanged]).toEqual([[], [], []]);
    expect(() => applyImport(p, '2026-10-24T00:00:00.000Z')).toThrow(/^The file was not imported: /);
  });
});
