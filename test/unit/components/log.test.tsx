// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { appendLog } from '@/lib/db/log';
import { dashboardKey } from '@/lib/db/schema';
import { rangeQuery } from '@/lib/stores/log-slice';
import type { PanelApi } from '@/lib/stores/panel-api';
import { activationBoard } from '../stores/findings-fixture';
import { act, allByRole, cleanup, click, getByRole } from './render';
import { field, fill, flush, renderPanel } from './learning-harness';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`log-ui-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); vi.restoreAllMocks(); });

const board = activationBoard();
const boardKey = dashboardKey(board.url);
const person = { kind: 'person' as const, name: 'you' };

async function logged(at: string, summary: string, dashboard = boardKey): Promise<void> {
  await appendLog(database, { at, kind: 'triaged', actor: person, dashboard, evidenceIds: ['E1'], summary });
}

const summaries = (el: HTMLElement) =>
  Array.from(getByRole(el, 'list', 'Decision log, newest first').querySelectorAll('.log-summary')).map((p) => p.textContent);

/** Downloads made by the panel: each Blob handed to an <a download>, with its file name. */
function captureDownloads(): Array<{ name: string; blob: Blob }> {
  const files: Array<{ name: string; blob: Blob }> = [];
  let last: Blob | null = null;
  Object.assign(URL, { createObjectURL: (b: Blob) => { last = b; return 'blob:export'; }, revokeObjectURL: () => undefined });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) files.push({ name: this.download, blob: last });
  });
  return files;
}

async function waitForStatus(el: HTMLElement, pattern: RegExp): Promise<HTMLElement> {
  for (let i = 0; i < 40; i++) {
    const found = [...allByRole(el, 'status'), ...allByRole(el, 'alert')].find((s) => pattern.test(s.textContent ?? ''));
    if (found) return found;
    await flush();
  }
  throw new Error(`No status matching ${pattern}; seen: ${[...allByRole(el, 'status'), ...allByRole(el, 'alert')].map((s) => s.textContent).join(' | ')}`);
}

describe('Log tab: the decision log', () => {
  it('shows this board’s events only, newest first, with who and when', async () => {
    await logged('2026-10-20T09:00:00.000Z', 'Marked F1 real: launch week');
    await logged('2026-10-22T09:00:00.000Z', 'Marked F2 noise');
    await logged('2026-10-21T09:00:00.000Z', 'On another board', 'http://127.0.0.1:4173/dashboards/other/');
    const { el } = await renderPanel(database, board, 'Log');
    expect(getByRole(el, 'heading', /^Decision log/).textContent).toBe('Decision log (2)');
    expect(summaries(el)).toEqual(['Marked F2 noise', 'Marked F1 real: launch week']);
    const first = getByRole(el, 'list', 'Decision log, newest first').querySelector('li')!;
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe('2026-10-22T09:00:00.000Z');
    expect(first.textContent).toContain('triaged · you (person)');
    expect(first.textContent).toContain('Evidence E1');
  });

  it('filters by date: From and To are whole days, and an empty range says so', async () => {
    await logged('2026-10-20T09:00:00.000Z', 'Oct 20');
    await logged('2026-10-21T23:30:00.000Z', 'Oct 21, late');
    await logged('2026-10-22T00:10:00.000Z', 'Oct 22');
    const { el } = await renderPanel(database, board, 'Log');
    const range = getByRole(el, 'group', 'Date range');
    await fill(field(range, 'From'), '2026-10-21');
    await flush();
    expect(summaries(el)).toEqual(['Oct 22', 'Oct 21, late']);
    await fill(field(range, 'To'), '2026-10-21');
    await flush();
    expect(summaries(el)).toEqual(['Oct 21, late']);
    await fill(field(range, 'From'), '2026-11-01');
    await fill(field(range, 'To'), '2026-11-02');
    await flush();
    expect(summaries(el)).toEqual([]);
    expect(el.textContent).toContain('Nothing recorded for this dashboard in this range yet.');
  });

  it('a date alone covers its whole day', () => {
    expect(rangeQuery({ from: '2026-10-21', to: '2026-10-21' })).toEqual({ from: '2026-10-21', to: '2026-10-21T23:59:59.999Z' });
    expect(rangeQuery({ from: '', to: '' })).toEqual({});
  });
});

describe('Log tab: the reviewer export', () => {
  it('downloads the evidence as CSV', async () => {
    const files = captureDownloads();
    const { el } = await renderPanel(database, board, 'Log');
    await click(getByRole(el, 'button', 'Download CSV (evidence)'));
    await waitForStatus(el, /^CSV \(evidence\) ready\.$/);
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^loupe-review-\d{4}-\d{2}-\d{2}\.csv$/)]);
    expect(files[0].blob.type).toBe('text/csv;charset=utf-8');
    const csv = await files[0].blob.text();
    expect(csv.split('\r\n')[0]).toMatch(/^dashboard,id,chartId,series,claim,method,confidence,unit,points/);
    expect(csv).toContain('activation-rate');
  });

  it('an HTML report holds the triage; when the charts cannot be captured it still downloads and says so', async () => {
    const files = captureDownloads();
    const { el, fake, store } = await renderPanel(database, board);
    const f1 = store.getState().analysis!.findings[0];
    await act(async () => { await store.getState().triageFinding(f1, 'real', 'Onboarding v2 launch'); });
    const capture = vi.fn(async () => ({ ok: false, message: 'The dashboard tab is not the one in front, so its charts could not be captured.', shots: [] }));
    (fake.api as PanelApi).captureCharts = capture;
    await click(getByRole(el, 'tab', 'Log'));
    await flush();
    await click(getByRole(el, 'button', 'Download HTML'));
    const status = await waitForStatus(el, /^HTML ready\./);
    expect(status.textContent).toBe('HTML ready. Exported without chart images: The dashboard tab is not the one in front, so its charts could not be captured.');
    expect(capture).toHaveBeenCalledWith(expect.objectContaining({ tabId: 3, chartIds: board.charts.map((c) => c.id) }));
    const html = await files[0].blob.text();
    expect(files[0].name).toMatch(/\.html$/);
    expect(html).toContain(f1.title);
    expect(html).toContain('Onboarding v2 launch');
  });

  it('copies Markdown for a ticket in one click, without images', async () => {
    const writeText = vi.fn(async (_t: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const { el, fake } = await renderPanel(database, board, 'Log');
    const capture = vi.fn();
    (fake.api as PanelApi).captureCharts = capture;
    await click(getByRole(el, 'button', 'Copy as Markdown'));
    await waitForStatus(el, /^Markdown copied\.$/);
    expect(writeText.mock.calls[0][0]).toMatch(/^# Loupe review/);
    expect(writeText.mock.calls[0][0]).not.toContain('data:image');
    expect(capture).not.toHaveBeenCalled();
  });

  it('says so when the clipboard refuses', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => { throw new Error('Document is not focused.'); } } });
    const { el } = await renderPanel(database, board, 'Log');
    await click(getByRole(el, 'button', 'Copy as Markdown'));
    const alert = await waitForStatus(el, /^Loupe could not build the export/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Loupe could not build the export: Document is not focused.');
  });
});
