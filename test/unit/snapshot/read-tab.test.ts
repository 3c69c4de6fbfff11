import { describe, expect, it } from 'vitest';
import { FRAMES_SKIPPED_NOTE, readTab, type TabApi } from '@/lib/snapshot/read-tab';
import { toWire } from '@/lib/snapshot/wire';

// Charts in embedded frames (a Grafana panel in an iframe) join the read; a frame of another site that
// Loupe may not read makes Chrome refuse the whole all-frames call, so the read falls back to the top.

const chart = (id: string, top: number) => ({
  id, title: id, kind: 'line', source: 'chartjs', exact: true, pos: [top, 0],
  series: [{ name: id, points: [{ x: '2026-10-01', y: 1 }] }],
});
const world = (w: 'main' | 'isolated', charts: unknown[], metrics?: unknown[]) => toWire({
  world: w, charts, notes: [], ms: 2,
  ...(metrics ? { page: { url: 'https://board.test/', title: w === 'isolated' ? 'Board' : 'Frame', metrics } } : {}),
});

type Call = Parameters<TabApi['executeScript']>[0];

function api(answer: (call: Call) => Array<{ result?: unknown; frameId?: number }>, calls: Call[] = []): TabApi {
  return {
    getTab: async () => ({ url: 'https://board.test/', title: 'Board' }),
    executeScript: async (opts) => {
      calls.push(opts);
      return answer(opts);
    },
  };
}

describe('readTab and frames', () => {
  it('reads charts and tiles of every frame, in page order, with the board named by the top frame', async () => {
    const calls: Call[] = [];
    const outcome = await readTab(api((c) => c.world === 'MAIN'
      ? [{ frameId: 0, result: world('main', [chart('top', 100)]) }, { frameId: 4, result: world('main', [chart('f1-embedded', 50)]) }]
      : [
          { frameId: 0, result: world('isolated', [], [{ id: 'wau', label: 'WAU', value: 3 }]) },
          { frameId: 4, result: toWire({ world: 'isolated', charts: [], notes: [], ms: 1, page: { url: 'https://panel.test/', title: 'Panel', metrics: [{ id: 'wau', label: 'WAU', value: 9 }] } }) },
        ], calls), 1);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.snapshot.charts.map((c) => c.id)).toEqual(['f1-embedded', 'top']);
    expect(outcome.snapshot.title).toBe('Board');
    expect(outcome.snapshot.metrics.map((m) => [m.id, m.value])).toEqual([['wau', 3], ['wau-2', 9]]);
    expect(calls.map((c) => c.target.allFrames)).toEqual([true, true]);
    expect(outcome.snapshot.notes ?? []).not.toContain(FRAMES_SKIPPED_NOTE);
  });

  it('falls back to the top frame when a frame of another site is out of reach, and says so', async () => {
    const calls: Call[] = [];
    const outcome = await readTab(api((c) => {
      if (c.target.allFrames) throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      return [{ frameId: 0, result: world(c.world === 'MAIN' ? 'main' : 'isolated', c.world === 'MAIN' ? [chart('top', 0)] : [], c.world === 'MAIN' ? undefined : []) }];
    }, calls), 1);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.snapshot.charts.map((c) => c.id)).toEqual(['top']);
    expect(outcome.snapshot.notes).toContain(FRAMES_SKIPPED_NOTE);
    expect(calls.map((c) => c.target.allFrames ?? false)).toEqual([true, false, false]);
  });

  it('still asks for the site when the top frame itself is out of reach', async () => {
    const outcome = await readTab(api(() => { throw new Error('Cannot access contents of url "https://board.test/"'); }), 1);
    expect(outcome).toMatchObject({ ok: false, reason: 'no-access', origin: 'https://board.test' });
  });
});
