// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { queryAll, type Adapter } from '@/lib/snapshot/adapter';
import { findTitle, isClaimed } from '@/lib/snapshot/dom';
import { runWorld } from '@/lib/snapshot/run';
import { openShadowRoots } from '@/lib/snapshot/shadow';
import { table } from '@/lib/snapshot/adapters/table';

// Dashboards built of web components keep each chart in a shadow root: the reader must find it there,
// title it by the heading beside it, and clear its mark on the next read (else a second read skips it).

const win = window as Window & typeof globalThis;

function card(host: ParentNode, title: string, nested = false): ShadowRoot {
  const el = document.createElement('chart-card');
  host.append(el);
  const root = el.attachShadow({ mode: 'open' });
  root.innerHTML = `<h2>${title}</h2><div class="plot"><canvas></canvas></div>`;
  if (nested) card(root.querySelector('.plot')!, `${title} detail`);
  return root;
}

afterEach(() => { document.body.innerHTML = ''; });

describe('charts in shadow roots', () => {
  it('finds open shadow roots, nested ones too, and queries them like the document', () => {
    document.body.innerHTML = '<canvas id="light"></canvas>';
    card(document.body, 'Signups', true);
    const closed = document.createElement('div');
    document.body.append(closed);
    closed.attachShadow({ mode: 'closed' }).innerHTML = '<canvas></canvas>';
    const roots = openShadowRoots(document);
    expect(roots).toHaveLength(2);
    const ctx = { document, shadowRoots: roots } as unknown as Parameters<typeof queryAll>[0];
    expect(queryAll(ctx, 'canvas')).toHaveLength(3);
  });

  it('titles a chart by the heading in its shadow root, and sees a mark on the host as a claim', () => {
    const root = card(document.body, 'Weekly revenue');
    const canvas = root.querySelector('canvas')!;
    expect(findTitle(canvas)).toBe('Weekly revenue');
    (root.host as Element).setAttribute('data-loupe-chart', 'weekly-revenue');
    expect(isClaimed(canvas)).toBe(true);
  });

  it('reads the same chart on every read: the previous read\'s mark inside the shadow root is cleared', async () => {
    const root = card(document.body, 'Signups');
    const reader: Adapter = {
      id: 'x', world: 'main', detect: () => true,
      read: (ctx) => queryAll(ctx, 'canvas').map((el) => ({
        element: el, kind: 'line' as const, source: 'chartjs' as const, exact: true, series: [{ name: 'a', points: [{ x: 1, y: 2 }] }],
      })),
    };
    const first = await runWorld('main', win, document, [reader], { reset: true });
    const second = await runWorld('main', win, document, [reader], { reset: true });
    expect(first.charts.map((c) => [c.id, c.title])).toEqual([['signups', 'Signups']]);
    expect(second.charts.map((c) => c.id)).toEqual(['signups']);
    expect(root.querySelector('canvas')!.getAttribute('data-loupe-chart')).toBe('signups');
  });

  it('reads a table a web component keeps in its shadow root, with the adapters\' own queries', async () => {
    const host = document.createElement('report-table');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<h3>Top campaigns</h3><table><thead><tr><th>Campaign</th><th>Clicks</th></tr></thead>'
      + '<tbody><tr><td>Spring sale</td><td>1,204</td></tr><tr><td>Retargeting</td><td>880</td></tr></tbody></table>';
    const r = await runWorld('isolated', win, document, [table]);
    expect(r.charts.map((c) => [c.title, c.series[0]?.points])).toEqual([
      ['Top campaigns', [{ x: 'Spring sale', y: 1204 }, { x: 'Retargeting', y: 880 }]],
    ]);
  });
});
