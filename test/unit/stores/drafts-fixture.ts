import { vi } from 'vitest';
import type { PageStep, StepOutcome, StepPreview } from '@/lib/actions/steps/schema';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { activationBoard } from './findings-fixture';

/** The Growth board with its activation drop, as read with the page's date range and segment. */
export const board = (): DashboardSnapshot => ({ ...activationBoard(), context: { dateRange: 'Aug 1 – Oct 23, 2026', filters: ['All users'] } });

/** A page that keeps one value per control, as the action module reports it. */
export function fakePage() {
  const values: Record<string, string> = { range: '2026-08-01/2026-10-23', flag: 'on' };
  const slot = (s: PageStep) => (s.kind === 'set-date-range' ? 'range' : 'flag');
  const want = (s: PageStep) => (s.kind === 'set-date-range' ? `${s.value.from}/${s.value.to}` : 'off');
  return {
    values,
    previewStep: vi.fn(async (_t: number, s: PageStep): Promise<StepPreview> => ({ ok: true, description: s.label, before: values[slot(s)], after: want(s), url: 'http://page/', message: '' })),
    applyStep: vi.fn(async (_t: number, s: PageStep): Promise<StepOutcome> => { const before = values[slot(s)]; values[slot(s)] = want(s); return { ok: true, before, after: want(s), verified: true, message: '' }; }),
    revertStep: vi.fn(async (_t: number, s: PageStep, before: string): Promise<StepOutcome> => { values[slot(s)] = before; return { ok: true, before: null, after: before, verified: true, message: '' }; }),
  };
}
