import { vi } from 'vitest';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import type { PanelApi } from '@/lib/stores/panel-api';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';

/** A snapshot like the Growth board's, small enough to read in a test. */
export function growthSnapshot(over: Partial<DashboardSnapshot> = {}): DashboardSnapshot {
  return {
    url: 'http://127.0.0.1:4173/dashboards/growth/',
    title: 'Growth insights',
    tool: 'mixpanel',
    readAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    context: { dateRange: 'Aug 1 – Oct 23, 2026', comparison: 'vs previous 7 days', timezone: 'UTC', filters: ['Platform: All'] },
    charts: [
      {
        id: 'activation-rate', title: 'Activation rate', kind: 'line', source: 'chartjs', exact: true,
        x: { type: 'time' }, y: { unit: '%' },
        series: [{ name: 'Activation rate', points: [{ x: '2026-10-21', y: 35.1 }, { x: '2026-10-22', y: 34.2 }, { x: '2026-10-23', y: null }] }],
      },
      {
        id: 'signups-by-platform', title: 'Signups by platform', kind: 'bar', source: 'echarts', exact: true,
        series: [
          { name: 'iOS', points: [{ x: 'Mon', y: 120 }, { x: 'Tue', y: 1340 }] },
          { name: 'Web', points: [{ x: 'Mon', y: 80 }, { x: 'Tue', y: 95 }] },
        ],
      },
      {
        id: 'aov', title: 'Average order value', kind: 'line', source: 'svg', exact: false, y: { unit: 'USD' },
        series: [{ name: 'AOV', points: [{ x: '2026-10-23', y: 48.5 }] }],
        notes: ['Reload the page to read this chart'],
      },
    ],
    metrics: [
      { id: 'wau', label: 'Weekly active users', value: 12300, unit: 'count', delta: -4.2, deltaUnit: '%' },
      { id: 'revenue', label: 'Revenue', value: 12300, unit: 'USD' },
    ],
    stats: { readMs: 40, charts: 3, points: 8 },
    ...over,
  };
}

type Deferred<T> = { promise: Promise<T>; resolve(v: T): void };
export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** A PanelApi whose tab events the test fires by hand and whose reads answer from `outcomes`. */
export function fakePanelApi(outcomes: Record<number, ReadOutcome | (() => Promise<ReadOutcome>)> = {}) {
  const activated: Array<(info: { tabId: number; windowId: number }) => void> = [];
  const updated: Array<(tabId: number, change: { status?: string }) => void> = [];
  const api = {
    readTab: vi.fn(async (tabId: number): Promise<ReadOutcome> => {
      const o = outcomes[tabId];
      if (typeof o === 'function') return o();
      return o ?? { ok: false, reason: 'gone', message: 'That tab is closed.' };
    }),
    highlightChart: vi.fn(async (_tabId: number, _chartId: string, _points?: Array<string | number>) => ({ ok: true } as { ok: boolean; message?: string })),
    requestOrigins: vi.fn(async (_origins: string[]) => true),
    activeTab: vi.fn(async () => ({ tabId: 1, windowId: 10 } as { tabId: number; windowId: number } | undefined)),
    onTabActivated: vi.fn((cb: (info: { tabId: number; windowId: number }) => void) => { activated.push(cb); return () => activated.splice(activated.indexOf(cb), 1); }),
    onTabUpdated: vi.fn((cb: (tabId: number, change: { status?: string }) => void) => { updated.push(cb); return () => updated.splice(updated.indexOf(cb), 1); }),
  } satisfies PanelApi;
  return {
    api,
    activate: (tabId: number, windowId = 10) => activated.forEach((cb) => cb({ tabId, windowId })),
    update: (tabId: number, status = 'complete') => updated.forEach((cb) => cb(tabId, { status })),
    listeners: () => activated.length + updated.length,
  };
}

/** Lets pending promise callbacks (a store action's awaits) run. */
export const settle = () => new Promise<void>((r) => setTimeout(r, 0));
