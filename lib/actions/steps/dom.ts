// DOM helpers for page steps: finding a step's control from the step's own target data, naming it,
// and changing values the way a person's input does (so React, Vue and plain listeners all notice).
import { OVERLAY_ATTR } from '@/lib/actions/highlight';
import type { Located, PageStep } from './schema';

/** Elements looked at when matching a control id: bounds the work on huge pages. */
const MAX_SCAN = 50_000;

export function clip(s: string, max = 80): string {
  // Control characters and direction overrides would let page text disguise a label.
  return s.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim().slice(0, max);
}

export function textOf(el: Element | null | undefined): string {
  return clip(el?.textContent ?? '', 300);
}

/**
 * The one control the step's target names: an element whose id or data-control attribute equals
 * target.controlId (compared as values, never built into a selector), and/or the step's selector. Page
 * text is never consulted, and a target that matches twice (a decoy with the same id) is refused.
 */
export function locateTarget(doc: Document, step: PageStep): Located {
  const { controlId, selector } = step.target;
  let byId: Element[] | null = null;
  if (controlId) {
    byId = [];
    const all = doc.querySelectorAll('[id],[data-control]');
    for (let i = 0; i < all.length && i < MAX_SCAN; i++) {
      const el = all[i];
      if (el.getAttribute('id') === controlId || el.getAttribute('data-control') === controlId) byId.push(el);
    }
  }
  let bySel: Element[] | null = null;
  if (selector) {
    try {
      bySel = Array.from(doc.querySelectorAll(selector));
    } catch {
      return { ok: false, message: 'The step names its control with a selector the page cannot use.' };
    }
  }
  const found = (byId && bySel ? byId.filter((el) => bySel.includes(el)) : byId ?? bySel ?? []).filter((el) => !el.closest(`[${OVERLAY_ATTR}]`));
  if (found.length === 0) return { ok: false, message: 'The control this step acts on is not on the page. Read the page again.' };
  if (found.length > 1) return { ok: false, message: 'More than one element on the page matches this step’s control, so Loupe will not guess. Apply it by hand.' };
  return { ok: true, el: found[0], name: accessibleName(found[0]) };
}

/** What a person sees as the control's name: aria-label, aria-labelledby, a <label>, else its text. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return clip(aria, 60);
  const by = el.getAttribute('aria-labelledby');
  if (by) {
    const t = by.split(/\s+/).map((id) => textOf(doc.getElementById(id))).join(' ').trim();
    if (t) return clip(t, 60);
  }
  const id = el.getAttribute('id');
  if (id) {
    const lab = Array.from(doc.querySelectorAll('label')).find((l) => l.htmlFor === id);
    if (lab) return clip(textOf(lab), 60);
  }
  return clip(textOf(el), 60);
}

function fire(el: Element, type: string): void {
  const view = el.ownerDocument.defaultView;
  const Ctor = view?.Event ?? Event;
  el.dispatchEvent(new Ctor(type, { bubbles: true }));
}

/** Sets an input's value through the prototype's setter (React tracks the own-property one), then
 *  fires input and change, as typing and leaving the field would. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const proto = input.tagName === 'TEXTAREA' ? view?.HTMLTextAreaElement.prototype : view?.HTMLInputElement.prototype;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'value')?.set : undefined;
  input.focus?.();
  if (setter) setter.call(input, value);
  else input.value = value;
  fire(input, 'input');
  fire(input, 'change');
}

/** Chooses a <select> option as a person would: focus, select, input + change. */
export function chooseOption(select: HTMLSelectElement, index: number): void {
  select.focus?.();
  select.selectedIndex = index;
  fire(select, 'input');
  fire(select, 'change');
}

/** A click as a person's: focus, then the element's own click (mouse events plus activation). */
export function press(el: Element): void {
  (el as HTMLElement).focus?.();
  (el as HTMLElement).click();
}

/** Opens the collapsed part of `box` that holds `inner` (a hidden popover or form, shown by a button
 *  whose aria-controls names it), as a person opens a picker before typing; true when it clicked. */
export function openDisclosure(box: Element, inner: Element | null): boolean {
  const part = inner?.closest('[hidden]');
  if (!part || !part.id || !box.contains(part)) return false;
  const opener = Array.from(box.querySelectorAll('[aria-controls]')).find((b) => b.getAttribute('aria-controls') === part.id);
  if (!opener) return false;
  press(opener);
  return true;
}

export const same = (a: string, b: string): boolean => clip(a, 300).toLowerCase() === clip(b, 300).toLowerCase();
