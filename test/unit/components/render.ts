import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// react-dom in jsdom without @testing-library: mount, query by role and accessible name, clean up.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: Array<{ root: Root; el: HTMLElement }> = [];

export async function render(ui: ReactElement): Promise<HTMLElement> {
  const el = document.createElement('div');
  document.body.append(el);
  const root = createRoot(el);
  await act(async () => root.render(ui));
  mounted.push({ root, el });
  return el;
}

export async function cleanup(): Promise<void> {
  for (const { root, el } of mounted) {
    await act(async () => root.unmount());
    el.remove();
  }
  mounted = [];
}

const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A simple accessible name: aria-label, aria-labelledby, else the text content. */
export function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return text(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return text(by.split(' ').map((id) => el.ownerDocument.getElementById(id)?.textContent).join(' '));
  return text(el.textContent);
}

const ROLES: Record<string, string> = {
  button: 'button:not([role]), [role="button"]', tab: '[role="tab"]', tabpanel: '[role="tabpanel"]',
  heading: 'h1, h2, h3, h4, h5, h6', status: '[role="status"]', alert: '[role="alert"]', list: 'ul, ol',
};

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const els = Array.from(root.querySelectorAll<HTMLElement>(ROLES[role] ?? `[role="${role}"]`))
    .filter((el) => !el.closest('[hidden]'));
  if (name === undefined) return els;
  return els.filter((el) => (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el))));
}

export function getByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name);
  if (found.length !== 1) {
    const seen = allByRole(root, role).map(nameOf).join(' | ');
    throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}. Seen: ${seen}`);
  }
  return found[0];
}

export async function click(el: HTMLElement): Promise<void> {
  await act(async () => el.click());
}

export async function key(el: HTMLElement, k: string): Promise<void> {
  await act(async () => { el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })); });
}

export { act, createElement as h };
