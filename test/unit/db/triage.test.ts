import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb, saveTriage, triageForDashboard } from '@/lib/db';
import { dashboardKey, findingKey } from '@/lib/db/schema';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`test-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const board = 'http://127.0.0.1:4173/dashboards/growth/?t=123#top';
const finding = { chartId: 'activation-rate', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10' };
const base = () => ({
  key: findingKey(board, finding), dashboard: dashboardKey(board), chartId: finding.chartId, chartTitle: 'Activation rate',
  series: finding.series, kind: finding.kind, at: finding.at, changePct: -15.2, evidenceIds: ['E4'],
  reason: '', actor: 'you', createdAt: '2026-10-23T10:00:00.000Z',
});

describe('triage', () => {
  it('keeps the newest verdict per finding, with its reason and context', async () => {
    await saveTriage(database, { ...base(), verdict: 'investigate' });
    await saveTriage(database, { ...base(), verdict: 'real', reason: 'matches the onboarding v2 launch', createdAt: '2026-10-23T11:00:00.000Z' });
    const current = await triageForDashboard(database, dashboardKey(board));
    expect(current.size).toBe(1);
    const t = current.get(findingKey(board, finding))!;
    expect(t).toMatchObject({ verdict: 'real', reason: 'matches the onboarding v2 launch', chartTitle: 'Activation rate', changePct: -15.2 });
    expect(await database.triage.count()).toBe(2); // history is kept, not overwritten
  });

  it('identifies a finding across reads regardless of cache-busters and fragments', () => {
    expect(findingKey(board, finding)).toBe(findingKey('http://127.0.0.1:4173/dashboards/growth/', finding));
    expect(findingKey(board, finding)).not.toBe(findingKey(board, { ...finding, series: 'Other' }));
  });

  it('rejects a verdict that is not one of the four', async () => {
    await expect(saveTriage(database, { ...base(), verdict: 'delete-everything' as never })).rejects.toThrow();
    expect(await database.triage.count()).toBe(0);
  });
});
