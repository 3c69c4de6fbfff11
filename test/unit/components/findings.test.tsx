// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExplainText } from '@/components/ExplainText';
import { Panel } from '@/components/Panel';
import { LoupeDb } from '@/lib/db';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { createPanelStore, type PanelStore } from '@/lib/stores/panel-store';
import { PanelStoreProvider } from '@/lib/stores/use-panel';
import { fakePanelApi } from '../stores/fake-panel-api';
import { activationBoard } from '../stores/findings-fixture';
import { act, allByRole, cleanup, click, getByRole, render } from './render';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`findings-ui-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); });

/** Waits for IndexedDB and React: Dexie answers on macrotasks, so a few turns are needed. */
async function flush(): Promise<void> {
  await act(async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 5)); });
}

async function renderPanel(snapshot: DashboardSnapshot = activationBoard()) {
  const fake = fakePanelApi({ 3: { ok: true, snapshot } });
  const store = createPanelStore(fake.api, { database: () => database });
  const el = await render(<Panel store={store} tabId={3} />);
  await flush();
  return { el, fake, store };
}

/** Types into a React-controlled field the way a person does (value setter, then an input event). */
async function type(field: HTMLTextAreaElement, text: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const cards = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLElement>('.finding-card'));

describe('Findings tab: cards', () => {
  it('shows the activation drop first: claim, size and since when, confidence in words and a meter, caveats', async () => {
    const { el } = await renderPanel();
    const list = getByRole(el, 'list', 'Findings, most notable first');
    const first = cards(list)[0];
    expect(getByRole(first, 'heading', /^Activation rate fell 1\d\.\d% from Oct 10, 2026$/)).toBeTruthy();
    expect(first.querySelector('.finding-size')!.textContent).toMatch(/^down 1\d\.\d% · 34\.\d% → 2\d\.\d% · since Oct 10, 2026$/);
    expect(first.textContent).toContain('High confidence');
    const meter = getByRole(first, 'meter', 'Confidence');
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(80);
    expect(meter.getAttribute('aria-valuetext')).toBe('high confidence');
    expect(first.querySelector('.finding-meta q')!.textContent).toBe('Activation rate'); // page text, quoted
    // "On this page" stays, below the findings.
    const onPage = getByRole(el, 'heading', 'On this page');
    expect(list.compareDocumentPosition(onPage) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('an evidence chip is a button that outlines the chart and marks the evidence’s points', async () => {
    const { el, fake, store } = await renderPanel();
    const f1 = store.getState().analysis!.findings[0];
    const first = cards(el)[0];
    const id = f1.evidenceIds[0];
    await click(getByRole(first, 'button', `Show evidence ${id} on the page`));
    const e = store.getState().analysis!.evidence.find((x) => x.id === id)!;
    expect(fake.api.highlightChart).toHaveBeenCalledWith(3, 'activation-rate', e.points);
    expect(first.querySelector('.finding-shown')!.textContent).toBe('Outlined Activation rate on the page.');
  });

  it('triage: Real with a reason is saved and shown; the person can change it', async () => {
    const { el } = await renderPanel();
    let first = cards(el)[0];
    await type(first.querySelector('textarea')!, 'matches the onboarding launch');
    await click(getByRole(getByRole(first, 'group', 'Triage F1'), 'button', 'Real'));
    await flush();
    first = cards(el)[0];
    expect(first.querySelector('.triage-line')!.textContent).toBe('Marked real by you · matches the onboarding launch');
    expect(first.querySelector('textarea')).toBeNull();
    expect(await database.triage.count()).toBe(1);

    await click(getByRole(first, 'button', 'Change triage of F1'));
    expect(first.querySelector('textarea')!.value).toBe('matches the onboarding launch');
    expect(getByRole(first, 'button', 'Real').getAttribute('aria-pressed')).toBe('true');
    await click(getByRole(first, 'button', 'Investigate'));
    await flush();
    expect(first.querySelector('.triage-line')!.textContent).toBe('Marked to investigate by you · matches the onboarding launch');
  });

  it('a failed save says so and keeps the typed reason', async () => {
    const { el } = await renderPanel();
    const first = cards(el)[0];
    await type(first.querySelector('textarea')!, 'weekend dip');
    database.close();
    await click(getByRole(first, 'button', 'Noise'));
    await flush();
    expect(getByRole(first, 'alert').textContent).toMatch(/could not save.*Your reason is kept: try again\./);
    expect(first.querySelector('textarea')!.value).toBe('weekend dip');
    expect(first.querySelector('.triage-line')).toBeNull();
  });

  it('no findings: "No notable changes on this dashboard" and what Loupe checked', async () => {
    const { el } = await renderPanel(activationBoard({ flat: true }));
    expect(cards(el)).toHaveLength(0);
    expect(el.textContent).toContain('No notable changes on this dashboard');
    expect(el.textContent).toMatch(/Loupe checked 1 chart \(1 series\) for lasting shifts, one-off spikes and steady trends/);
  });
});

describe('Findings tab: explain', () => {
  it('"Explain this dashboard" writes plain text with citation chips and quoted page names, all numbers backed', async () => {
    const { el } = await renderPanel();
    const button = getByRole(el, 'button', 'Explain this dashboard');
    await click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const region = getByRole(el, 'region', 'Explanation of this dashboard');
    expect(getByRole(region, 'heading', 'Notable changes')).toBeTruthy();
    expect(region.textContent).toContain('Every number here matches the evidence it cites.');
    expect(region.querySelectorAll('.unsupported')).toHaveLength(0);
    expect(allByRole(region, 'button', /^Show evidence E\d+ on the page$/).length).toBeGreaterThan(2);
    expect(Array.from(region.querySelectorAll('q'), (q) => q.textContent)).toContain('Activation rate');
    expect(region.textContent).not.toMatch(/\[E\d/); // markers became chips
    expect(region.innerHTML).not.toContain('##');
  });

  it('"Explain this chart" explains one chart on its card', async () => {
    const { el } = await renderPanel();
    await click(getByRole(el, 'button', 'Explain this chart: Activation rate'));
    const region = getByRole(el, 'region', 'Explanation of Activation rate');
    expect(region.closest('.chart-card')).not.toBeNull();
    expect(region.textContent).toMatch(/fell 1\d\.\d% from Oct 10, 2026/);
    expect(region.querySelectorAll('.unsupported')).toHaveLength(0);
  });

  it('a number no cited evidence backs is underlined and says "not found in the dashboard"', async () => {
    const snapshot = activationBoard();
    const store: PanelStore = createPanelStore(fakePanelApi().api, { database: () => database });
    store.setState({ snapshot });
    await flush();
    const { evidence, findings } = store.getState().analysis!;
    const cite = findings[0].evidenceIds[0];
    const el = await render(
      <PanelStoreProvider store={store}>
        <ExplainText markdown={`- “Activation rate” fell 42.0% from Oct 10, 2026 [${cite}].\n`} evidence={evidence} findings={findings} />
      </PanelStoreProvider>,
    );
    const bad = el.querySelector('.unsupported')!;
    expect(bad.querySelector('.unsupported-number')!.textContent).toBe('42.0%');
    expect(bad.textContent).toContain('not found in the dashboard');
    expect(el.textContent).toContain('1 number could not be found in the dashboard');
    expect(getByRole(el, 'button', `Show evidence ${cite} on the page`)).toBeTruthy();
  });
});
