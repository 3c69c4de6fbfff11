import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addFeedback, deleteFeedback, feedbackForDashboard, feedbackForTarget, listFeedback, updateFeedback } from '@/lib/db/feedback';
import { dashboardKey, findingKey } from '@/lib/db/schema';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`test-${Math.random()}`); await database.open(); });
afterEach(async () => { await database.delete(); });

const board = dashboardKey('http://127.0.0.1:4173/dashboards/growth/');
const key = findingKey(board, { chartId: 'activation', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10' });

describe('feedback table', () => {
  it('keeps a flag with the board, chart, series and period it concerns', async () => {
    const row = await addFeedback(database, {
      dashboard: board, targetKey: key, target: 'finding', kind: 'wrong-number', comment: 'double-counted',
      quote: 'Activation rate fell 15.2% from Oct 10, 2026', chartId: 'activation', series: 'Activation rate', at: '2026-10-10',
    }, '2026-10-12T00:00:00.000Z');
    expect(row).toMatchObject({ id: expect.any(Number), actor: 'you', createdAt: '2026-10-12T00:00:00.000Z' });
    await addFeedback(database, { dashboard: board, targetKey: 'proposal:7', target: 'proposal', kind: 'declined', comment: 'cohort too small' }, '2026-10-13T00:00:00.000Z');
    expect((await feedbackForDashboard(database, board)).map((f) => f.kind)).toEqual(['wrong-number', 'declined']);
    expect(await feedbackForTarget(database, key)).toMatchObject([{ chartId: 'activation', series: 'Activation rate', at: '2026-10-10' }]);
    expect((await listFeedback(database)).map((f) => f.kind)).toEqual(['declined', 'wrong-number']);
  });

  it('can be edited (comment, kind) and deleted; its context stays', async () => {
    const row = await addFeedback(database, { dashboard: board, targetKey: key, target: 'finding', kind: 'misleading', chartId: 'activation' });
    const edited = await updateFeedback(database, row.id!, { kind: 'irrelevant', comment: 'not our team' }, '2026-10-14T00:00:00.000Z');
    expect(edited).toMatchObject({ kind: 'irrelevant', comment: 'not our team', chartId: 'activation', targetKey: key, updatedAt: '2026-10-14T00:00:00.000Z' });
    await deleteFeedback(database, row.id!);
    expect(await database.feedback.count()).toBe(0);
  });

  it('rejects an unknown kind and writes nothing', async () => {
    await expect(addFeedback(database, { dashboard: board, targetKey: key, target: 'finding', kind: 'rude' as never })).rejects.toThrow();
    expect(await database.feedback.count()).toBe(0);
  });
});
