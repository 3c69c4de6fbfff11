import { Panel } from '@/components/Panel';
import type { LoupeDb } from '@/lib/db';
import type { DashboardSnapshot } from '@/lib/snapshot/schema';
import { createPanelStore } from '@/lib/stores/panel-store';
import { fakePanelApi } from '../stores/fake-panel-api';
import { act, click, getByRole, render } from './render';

// The Notes & rules and Log tabs as a person meets them: the whole panel over a fake tab and a fresh
// IndexedDB, driven by role and accessible name.

/** Waits for IndexedDB and React: Dexie answers on macrotasks, so a few turns are needed. */
export async function flush(): Promise<void> {
  await act(async () => { for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 5)); });
}

/** `snapshot`: what each read of tab 3 answers (a function: a fresh one per read, as a re-read has). */
export async function renderPanel(database: LoupeDb, snapshot: DashboardSnapshot | (() => DashboardSnapshot), tab?: 'Notes & rules' | 'Log') {
  const fake = fakePanelApi({ 3: async () => ({ ok: true, snapshot: typeof snapshot === 'function' ? snapshot() : snapshot }) });
  const store = createPanelStore(fake.api, { database: () => database });
  const el = await render(<Panel store={store} tabId={3} />);
  await flush();
  if (tab) {
    await click(getByRole(el, 'tab', tab));
    await flush();
  }
  return { el, fake, store };
}

/** The field a <label> names (by its text, trimmed of the "(optional)" hint), as a person finds it. */
export function field<T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string | RegExp): T {
  const labels = Array.from(root.querySelectorAll('label')).filter((l) => {
    const t = (l.textContent ?? '').replace(/\s+/g, ' ').trim();
    return typeof label === 'string' ? t === label : label.test(t);
  });
  if (labels.length !== 1) throw new Error(`Expected one label ${String(label)}, found ${labels.length}`);
  const el = labels[0].htmlFor ? root.ownerDocument!.getElementById(labels[0].htmlFor) : null;
  if (!el) throw new Error(`Label ${String(label)} names no field`);
  return el as T;
}

/** Types into (or chooses in) a React-controlled field: the native value setter, then the event. */
export async function fill(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): Promise<void> {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
    : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/** Picks a file in an <input type=file>. */
export async function chooseFile(input: HTMLInputElement, name: string, text: string): Promise<void> {
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  await act(async () => { input.dispatchEvent(new Event('change', { bubbles: true })); });
  await flush();
}

/** A form by its accessible name (aria-label): the test renderer's roles do not include forms. */
export function form(root: ParentNode, name: string): HTMLFormElement {
  const found = Array.from(root.querySelectorAll('form')).filter((f) => f.getAttribute('aria-label') === name);
  if (found.length !== 1) throw new Error(`Expected one form named ${name}, found ${found.length}`);
  return found[0];
}

export const forms = (root: ParentNode) => Array.from(root.querySelectorAll('form'));

export async function submit(button: HTMLElement): Promise<void> {
  await click(button);
  await flush();
}
