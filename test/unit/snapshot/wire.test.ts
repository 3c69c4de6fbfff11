import { describe, expect, it } from 'vitest';
import { decodeRead, encodeRead, fromWire, toWire } from '@/lib/snapshot/wire';
import { assembleSnapshot } from '@/lib/snapshot/assemble';

describe('reader results on the wire', () => {
  it('round-trips a world result as one string', () => {
    const r = { world: 'main', charts: [{ id: 'a', series: [{ name: 's', points: [{ x: '2026-10-10', y: null }] }] }], notes: [], ms: 3 };
    expect(typeof toWire(r)).toBe('string');
    expect(fromWire(toWire(r))).toEqual(r);
  });
  it('accepts an object (older reader) and turns garbage into null for the assembler to note', () => {
    expect(fromWire({ world: 'main' })).toEqual({ world: 'main' });
    expect(fromWire('{not json')).toBeNull();
    expect(fromWire(undefined)).toBeNull();
  });
});

describe('the snapshot on its way to the panel', () => {
  const snapshot = assembleSnapshot({
    main: { world: 'main', charts: [], notes: [], ms: 1 }, isolated: null,
    readAt: new Date('2026-11-26T12:00:00Z'), url: 'http://127.0.0.1/board/', title: 'Board',
  });
  it('crosses as one string and arrives equal', () => {
    const reply = encodeRead({ ok: true, snapshot });
    expect(reply.ok && typeof reply.snapshotJson).toBe('string');
    expect(decodeRead(reply)).toEqual({ ok: true, snapshot });
  });
  it('passes a failure through, and a reply that does not parse becomes a message to read again', () => {
    const failure = { ok: false as const, reason: 'no-access' as const, message: 'Loupe needs your permission.' };
    expect(decodeRead(encodeRead(failure))).toEqual(failure);
    expect(decodeRead({ ok: true, snapshotJson: '{cut' })).toMatchObject({ ok: false, reason: 'error', message: /Read again/ });
  });
});

describe('fromWire refuses what is not plain data', () => {
  it('keeps plain objects, drops prototype keys, and marks accessors Unusable', async () => {
    const { Unusable } = await import('@/lib/snapshot/wire');
    expect(fromWire({ a: [1, { b: 'c' }], u: undefined })).toEqual({ a: [1, { b: 'c' }] });
    expect(fromWire(JSON.parse('{"__proto__":{"x":1},"k":1}'))).toEqual({ k: 1 });
    const g = Object.defineProperty({}, 'k', { enumerable: true, get: () => 1 });
    expect(fromWire(g)).toBeInstanceOf(Unusable);
    expect(fromWire(new Date())).toBeInstanceOf(Unusable);
  });
});
