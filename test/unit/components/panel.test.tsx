// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Panel } from '@/components/Panel';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi, growthSnapshot } from '../stores/fake-panel-api';
import { act, allByRole, cleanup, click, getByRole, key, render } from './render';

async function renderPanel(outcome: ReadOutcome, tabId?: number) {
  const fake = fakePanelApi({ [tabId ?? 1]: outcome });
  const store = createPanelStore(fake.api);
  const el = await render(<Panel store={store} tabId={tabId} />);
  // Let the start-up read resolve and render.
  await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
  return { el, fake, store };
}

afterEach(cleanup);

describe('side panel: charts on this page', () => {
  it('shows the dashboard, its context as page text, and every chart with its counts', async () => {
    const { el } = await renderPanel({ ok: true, snapshot: growthSnapshot() });
    expect(getByRole(el, 'heading', /Growth insights · Mixpanel/)).toBeTruthy();
    expect(el.querySelector('.read-line')!.textContent).toMatch(/read 2 min ago · 3 charts · 2 tiles/);
    expect(el.querySelector('.context-line q')!.textContent).toBe('Aug 1 – Oct 23, 2026 · vs previous 7 days · UTC · Platform: All');
    expect(el.querySelector('.provider')!.textContent).toBe('Offline');
    expect(getByRole(el, 'heading', 'On this page')).toBeTruthy();

    const cards = Array.from(el.querySelectorAll('.chart-card'));
    expect(cards).toHaveLength(3);
    const activation = cards[0].textContent!;
    expect(activation).toContain('Activation rate');
    expect(activation).toContain('line chart · Chart.js');
    expect(activation).toContain('exact');
    expect(activation).toMatch(/Points3/);
    expect(activation).toMatch(/Series1/);
    expect(activation).toContain('34.2% at 2026-10-22'); // the last value that is not a gap
    expect(cards[1].textContent).toMatch(/Last \(iOS\)1,340/);
    expect(cards[2].textContent).toContain('estimated');
    expect(cards[2].textContent).toContain('$48.50');
    expect(cards[2].textContent).toContain('Reload the page to read this chart');
    // Chart titles are page text: quoted.
    expect(cards[0].querySelector('h3 q')!.textContent).toBe('Activation rate');

    const tiles = Array.from(el.querySelectorAll('.tile'), (t) => t.textContent);
    expect(tiles).toEqual(['Weekly active users12,300−4.2%', 'Revenue$12,300']);
  });

  it('"Show … on the page" asks the page to outline that chart and says so', async () => {
    const { el, fake } = await renderPanel({ ok: true, snapshot: growthSnapshot() }, 7);
    await click(getByRole(el, 'button', 'Show Activation rate on the page'));
    expect(fake.api.highlightChart).toHaveBeenCalledWith(7, 'activation-rate', undefined);
    expect(getByRole(el, 'status').textContent).toBe('Outlined “Activation rate” on the page.');
  });

  it('"Read again" reads the tab again', async () => {
    const { el, fake } = await renderPanel({ ok: true, snapshot: growthSnapshot() });
    await click(getByRole(el, 'button', 'Read again'));
    expect(fake.api.readTab).toHaveBeenCalledTimes(2);
  });
});

describe('side panel: states', () => {
  it('shows "Reading charts…" while the first read runs', async () => {
    const fake = fakePanelApi({ 1: () => new Promise<ReadOutcome>(() => undefined) });
    const el = await render(<Panel store={createPanelStore(fake.api)} />);
    await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
    expect(getByRole(el, 'status').textContent).toContain('Reading charts…');
  });

  it('an empty page says what Loupe reads and what to do', async () => {
    const { el } = await renderPanel({ ok: true, snapshot: growthSnapshot({ charts: [], metrics: [] }) });
    expect(el.textContent).toContain('No charts found on this page.');
    expect(el.textContent).toMatch(/Loupe reads Chart\.js, ECharts.*press Read again/);
  });

  it('no-access offers "Allow Loupe to read this site" and asks for that origin', async () => {
    const { el, fake } = await renderPanel({ ok: false, reason: 'no-access', origin: 'https://dash.example.test', message: 'Loupe needs your permission.' });
    fake.api.requestOrigins.mockResolvedValue(false);
    await click(getByRole(el, 'button', 'Allow Loupe to read this site'));
    expect(fake.api.requestOrigins).toHaveBeenCalledWith(['https://dash.example.test/*']);
    expect(getByRole(el, 'alert').textContent).toMatch(/Permission was not given.*Press the button again/);
  });

  it('an error offers "Try again"; a restricted page says to switch tabs', async () => {
    const { el } = await renderPanel({ ok: false, reason: 'error', message: 'Loupe could not read this page: boom' });
    expect(getByRole(el, 'alert').textContent).toContain('boom');
    expect(getByRole(el, 'button', 'Try again')).toBeTruthy();
    await cleanup();

    const restricted = await renderPanel({ ok: false, reason: 'restricted', message: 'This is a browser page.' });
    expect(getByRole(restricted.el, 'alert').textContent).toMatch(/Switch to a dashboard tab/);
    expect(allByRole(restricted.el, 'button', 'Try again')).toHaveLength(0);
  });
});

describe('side panel: tabs', () => {
  it('has the five tabs in order, Findings selected, arrows move between them', async () => {
    const { el } = await renderPanel({ ok: true, snapshot: growthSnapshot() });
    const tabs = allByRole(el, 'tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Findings', 'Ask', 'Drafts', 'Log', 'Notes & rules']);
    expect(tabs[0].getAttribute('aria-selected')).toBe('true');
    expect(tabs[1].tabIndex).toBe(-1);

    await key(tabs[0], 'ArrowRight');
    const ask = getByRole(el, 'tab', 'Ask');
    expect(ask.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(ask);
    expect(getByRole(el, 'tabpanel').textContent).toContain('Ask about this dashboard');

    await key(ask, 'ArrowLeft');
    await key(getByRole(el, 'tab', 'Findings'), 'ArrowLeft'); // wraps to the last tab
    expect(getByRole(el, 'tab', 'Notes & rules').getAttribute('aria-selected')).toBe('true');
    await click(getByRole(el, 'tab', 'Findings'));
    expect(getByRole(el, 'heading', 'On this page')).toBeTruthy();
  });
});

describe('side panel: header', () => {
  it('names the tool once when the page title already says it', async () => {
    const { el } = await renderPanel({ ok: true, snapshot: growthSnapshot({ title: 'Growth insights - Mixpanel' }) });
    expect(getByRole(el, 'heading', /Growth insights/).textContent).toBe('Growth insights - Mixpanel');
  });
});
