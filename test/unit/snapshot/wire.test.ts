import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '@/lib/snapshot/wire';

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
