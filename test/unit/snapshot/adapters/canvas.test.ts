// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReadContext } from '@/lib/snapshot/adapter';
import { CANVAS_NOTE, canvas } from '@/lib/snapshot/adapters/canvas';
import { isClaimed } from '@/lib/snapshot/dom';
import { runWorld } from '@/lib/snapshot/run';

const FIXTURE = readFileSync(resolve(process.cwd(), 'test/fixtures/adapters/canvas.html'), 'utf8');

function ctx(): ReadContext {
  return { window, document, signal: new AbortController().signal, expired: () => false, isClaimed };
}

describe('canvas adapter', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = FIXTURE.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  });

  it('reports chart-sized, visible, unclaimed canvases as charts with no series and a note', async () => {
    const reads = await canvas.read(ctx());
    expect(reads.map((r) => r.element.id)).toEqual(['bare', 'layer1', 'styled']);
    expect(reads[0]).toMatchObject({
      title: 'Sessions by hour', kind: 'other', source: 'canvas', exact: false, series: [], notes: [CANVAS_NOTE],
    });
    expect(reads[1].title).toBe('Heatmap of logins');
  });

  it('finds nothing on a page without canvases', () => {
    document.body.innerHTML = '<p>no charts</p>';
    expect(canvas.detect(ctx())).toBe(false);
  });

  it('gets ids through runWorld', async () => {
    const r = await runWorld('isolated', window, document, [canvas]);
    // The third canvas has no heading of its own; its title is whatever dom.ts findTitle picks.
    expect(r.charts.map((c) => c.id).slice(0, 2)).toEqual(['sessions-by-hour', 'heatmap-of-logins']);
    expect(r.charts).toHaveLength(3);
    expect(document.getElementById('bare')!.getAttribute('data-loupe-chart')).toBe('sessions-by-hour');
  });
});
