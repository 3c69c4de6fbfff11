import { DraftsView } from '@/components/DraftsView';
import { KillSwitch } from '@/components/KillSwitch';
import type { LoupeDb } from '@/lib/db';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore, type PanelStore } from '@/lib/stores/panel-store';
import { PanelStoreProvider } from '@/lib/stores/use-panel';
import { fakePanelApi, settle } from '../stores/fake-panel-api';
import { act, allByRole, getByRole, render } from './render';
import { board, fakePage } from '../stores/drafts-fixture';
export { board, fakePage };

// The Drafts tab as a person meets it: the Growth board read, its activation drop marked real, the
// template proposals listed; a fake page keeps one value per control, as the action module reports it.

/** Waits for IndexedDB and React: Dexie answers on macrotasks, so a few turns are needed. */
export async function flush(): Promise<void> {
  await act(async () => { for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 5)); });
}

/** Flushes until `check` passes (Dexie work of a click can take several turns), or throws its error. */
export async function until(check: () => void, turns = 40): Promise<void> {
  for (let i = 0; ; i++) {
    try { check(); return; } catch (e) { if (i >= turns) throw e; }
    await flush();
  }
}

export async function renderDrafts(database: LoupeDb) {
  const fake = fakePanelApi({ 1: { ok: true, snapshot: board() } as ReadOutcome });
  const page = fakePage();
  const store = createPanelStore({ ...fake.api, ...page }, { database: () => database });
  await store.getState().start({ tabId: 1 });
  await settle();
  await store.getState().triageFinding(store.getState().analysis!.findings[0], 'real', '');
  await store.getState().loadDrafts();
  const el = await render(
    <PanelStoreProvider store={store}>
      <header><KillSwitch /></header>
      <DraftsView />
    </PanelStoreProvider>,
  );
  await flush();
  return { el, store, page };
}

/** A proposal's card by its title. */
export function card(el: HTMLElement, title: string | RegExp): HTMLElement {
  const cards = Array.from(el.querySelectorAll<HTMLElement>('.draft-card')).filter((c) => {
    const h = c.querySelector('h3')?.textContent ?? '';
    return typeof title === 'string' ? h === title : title.test(h);
  });
  if (cards.length !== 1) throw new Error(`Expected one card ${String(title)}, found ${cards.length}`);
  return cards[0];
}

export const state = (c: HTMLElement) => c.querySelector('.draft-state')!.textContent;
/** The buttons a person can act with (evidence chips, which only show evidence, left out). */
export const buttons = (c: HTMLElement) => allByRole(c, 'button').filter((b) => !b.closest('[aria-label^="Evidence"]')).map((b) => b.textContent);
export const button = (c: HTMLElement, name: string | RegExp) => getByRole(c, 'button', name) as HTMLButtonElement;

/** The form control a <label> with this text wraps or names. */
export function field<T extends HTMLElement = HTMLInputElement>(root: HTMLElement, label: string | RegExp): T {
  const found = Array.from(root.querySelectorAll('label')).filter((l) => (typeof label === 'string' ? l.textContent!.trim().startsWith(label) : label.test(l.textContent!)));
  if (found.length !== 1) throw new Error(`Expected one label ${String(label)}, found ${found.length}`);
  const l = found[0];
  return (l.htmlFor ? root.ownerDocument.getElementById(l.htmlFor) : l.querySelector('input, textarea, select')) as T;
}

/** Types into a React-controlled field the way a person does (value setter, then an input event). */
export async function type(el: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function press(el: HTMLElement): Promise<void> {
  await act(async () => el.click());
  await flush();
}

/** Ticks a box or picks a radio unless it already is (a click would untick it). */
export async function check(el: HTMLInputElement): Promise<void> {
  if (!el.checked) await press(el);
}

/** A form by its accessible name (aria-label). */
export function form(root: HTMLElement, name: string): HTMLFormElement {
  const found = Array.from(root.querySelectorAll('form')).filter((f) => f.getAttribute('aria-label') === name);
  if (found.length !== 1) throw new Error(`Expected one form ${name}, found ${found.length}`);
  return found[0];
}

/** Ticks and submits the checkpoint of a card, as a person would. */
export async function passCheckpoint(c: HTMLElement, mode: 'act' | 'review' = 'act'): Promise<void> {
  const f = form(c, 'Checkpoint');
  await check(field(f, mode === 'act' ? /^ ?Act: draft the steps/ : /^ ?Review only/));
  await check(field(f, /I confirm the window/));
  await check(field(f, /I confirm the cohort/));
  await press(button(f, 'Confirm checkpoint'));
}

export type Harness = { el: HTMLElement; store: PanelStore; page: ReturnType<typeof fakePage> };
