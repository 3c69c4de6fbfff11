import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters } from '@/lib/snapshot/adapters';

// Every adapter in the registry has its own fixture and its own unit test (as refined-github checks
// every feature), and every adapter file is in the registry.
const root = join(__dirname, '..', '..', '..');

describe('adapter registry', () => {
  it.each(adapters.map((a) => [a.id]))('%s has a fixture and a unit test', (id) => {
    const fixtures = readdirSync(join(root, 'test/fixtures/adapters')).filter((f) => f.startsWith(`${id}.`) || f === id);
    expect(fixtures, `test/fixtures/adapters/${id}.*`).not.toHaveLength(0);
    const test = ['ts', 'tsx'].some((ext) => existsSync(join(root, `test/unit/snapshot/adapters/${id}.test.${ext}`)));
    expect(test, `test/unit/snapshot/adapters/${id}.test.ts`).toBe(true);
  });

  it('lists every adapter file exactly once, ids unique', () => {
    const files = readdirSync(join(root, 'lib/snapshot/adapters'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('shared'))
      .map((f) => f.replace(/\.ts$/, ''));
    const ids = adapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...files].sort());
  });

  it('runs library adapters (MAIN world) before DOM-only ones (ISOLATED world)', () => {
    const worlds = adapters.map((a) => a.world);
    expect(worlds.lastIndexOf('main')).toBeLessThan(worlds.indexOf('isolated'));
  });
});
