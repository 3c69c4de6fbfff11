import type { Finding } from '@/lib/evidence/schema';
import type { NoteRow } from '@/lib/db/notes';
import type { FeedbackRow } from '@/lib/db/feedback';
import { dashboardKey, findingKey, type TriageRecord } from '@/lib/db/schema';

export const BOARD = 'https://app.example.test/project/42/board/growth?t=99#top';

export function note(partial: Partial<NoteRow> & { text: string }): NoteRow {
  return {
    uid: `note-${partial.text.length}-${partial.text.slice(0, 8)}`, dashboard: '*', scope: {},
    createdAt: '2026-10-01T09:00:00.000Z', updatedAt: '2026-10-01T09:00:00.000Z', ...partial,
  };
}

export function finding(partial: Partial<Finding> = {}): Finding {
  return {
    id: 'F1', chartId: 'activation', series: 'Activation rate', kind: 'level-shift', at: '2026-10-10',
    before: 40, after: 34, changePct: -15.2, unit: '%', confidence: 0.8, evidenceIds: ['E1'],
    title: 'Activation rate fell 15.2% from Oct 10, 2026', caveats: [], score: 10, ...partial,
  };
}

export function triage(f: Finding, partial: Partial<TriageRecord>): TriageRecord {
  return {
    key: findingKey(BOARD, f), dashboard: dashboardKey(BOARD), chartId: f.chartId, chartTitle: 'Activation',
    series: f.series, kind: f.kind, at: f.at, changePct: f.changePct, verdict: 'expected', reason: '',
    evidenceIds: f.evidenceIds, actor: 'you', createdAt: '2026-10-12T10:00:00.000Z', ...partial,
  };
}

export function flag(f: Finding, partial: Partial<FeedbackRow>): FeedbackRow {
  return {
    id: 1, dashboard: dashboardKey(BOARD), targetKey: findingKey(BOARD, f), target: 'finding', kind: 'misleading',
    comment: '', chartId: f.chartId, series: f.series, at: f.at, actor: 'you', createdAt: '2026-10-12T11:00:00.000Z', ...partial,
  };
}
