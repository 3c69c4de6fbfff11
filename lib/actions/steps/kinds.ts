// One control model per step kind. Each reads the control's state as the page shows it, says which
// state the step should produce, and sets a state through the page's own controls (click, type,
// choose), as a person would. apply = set(expected), revert = set(before), verify = read() again.
import { parseDateLabels, yearIn } from '@/lib/snapshot/dates';
import { chooseOption, clip, openDisclosure, press, same, textOf, typeInto } from './dom';
import type { ControlState, PageStep, ReadResult, StepCheck } from './schema';

export interface ControlModel {
  read(el: Element, step: PageStep): ReadResult;
  /** The state the page should show once the step is applied (null: the control cannot take it). */
  expected(el: Element, step: PageStep, before: ControlState): ControlState | null;
  set(el: Element, step: PageStep, state: ControlState, before: ControlState): StepCheck;
}

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
const ISO = /^\d{4}-\d{2}-\d{2}$/;

// ---- Date range: a picker whose opener shows the range, with from/to date inputs and an apply button.

function dateInputs(el: Element): [HTMLInputElement, HTMLInputElement] | null {
  const inputs = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="date"]'));
  const named = (re: RegExp) => inputs.find((i) => re.test(i.name));
  const from = named(/^(from|start|since|begin)/i) ?? inputs[0];
  const to = named(/^(to|end|until)/i) ?? inputs[1];
  return from && to && from !== to ? [from, to] : null;
}

/** "Oct 1 – Oct 23, 2026" (or "2026-10-01 – 2026-10-23") → "2026-10-01/2026-10-23"; null if unsure. */
export function parseShownRange(text: string): ControlState | null {
  const parts = clip(text, 120).split(/\s+(?:[–—-]|to)\s+/);
  if (parts.length !== 2) return null;
  const [a, b] = parseDateLabels(parts, { year: yearIn(parts) });
  return a && b && ISO.test(a) && ISO.test(b) ? `${a}/${b}` : null;
}

function opener(el: Element): Element | null {
  return el.matches('button,[role="button"]') ? el : el.querySelector('button[aria-controls],button[aria-haspopup],[role="button"][aria-haspopup]');
}

const dateRange: ControlModel = {
  read(el) {
    const shown = opener(el);
    const fromText = shown ? parseShownRange(textOf(shown)) : null;
    if (fromText) return { ok: true, state: fromText };
    const inputs = dateInputs(el);
    if (inputs && ISO.test(inputs[0].value) && ISO.test(inputs[1].value)) return { ok: true, state: `${inputs[0].value}/${inputs[1].value}` };
    return fail('Loupe cannot tell which dates this control shows.');
  },
  expected(_el, step) {
    if (step.kind !== 'set-date-range') return null;
    const { from, to } = step.value;
    return ISO.test(from) && ISO.test(to) && from <= to ? `${from}/${to}` : null;
  },
  set(el, _step, state) {
    const [from, to] = state.split('/');
    const inputs = dateInputs(el);
    if (!inputs) return fail('This date control has no start and end date fields Loupe can fill.');
    openDisclosure(el, inputs[0]);
    typeInto(inputs[0], from);
    typeInto(inputs[1], to);
    const form = inputs[0].form;
    const submit = (form ?? el).querySelector('button[type="submit"],input[type="submit"],[data-action="apply"]');
    if (submit) press(submit);
    return { ok: true };
  },
};

// ---- A choice: <select>, a radio group, or a text/number field (filters and breakdowns).

type Choice = { el: Element; text: string; pick: () => void };

function radioLabel(r: HTMLInputElement): string {
  const wrap = r.closest('label');
  if (wrap) return textOf(wrap);
  const doc = r.ownerDocument;
  const lab = r.id ? Array.from(doc.querySelectorAll('label')).find((l) => l.htmlFor === r.id) : undefined;
  return lab ? textOf(lab) : r.value;
}

function choices(el: Element): Choice[] | null {
  if (el.tagName === 'SELECT') {
    const sel = el as HTMLSelectElement;
    return Array.from(sel.options).map((o, i) => ({ el: o, text: textOf(o), pick: () => chooseOption(sel, i) }));
  }
  const radios = Array.from(el.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  if (radios.length) return radios.map((r) => ({ el: r, text: radioLabel(r), pick: () => press(r) }));
  return null;
}

function field(el: Element): HTMLInputElement | HTMLTextAreaElement | null {
  if (el.tagName === 'TEXTAREA') return el as HTMLTextAreaElement;
  if (el.tagName === 'INPUT' && /^(text|search|number|)$/i.test((el as HTMLInputElement).type)) return el as HTMLInputElement;
  return null;
}

function choiceValue(step: PageStep): string | null {
  if (step.kind === 'set-filter') return step.value.value;
  if (step.kind === 'set-breakdown') return step.value;
  return null;
}

function matchChoice(list: Choice[], wanted: string): Choice | undefined {
  return list.find((c) => same(c.text, wanted)) ?? list.find((c) => same((c.el as HTMLInputElement | HTMLOptionElement).value ?? '', wanted));
}

const choice: ControlModel = {
  read(el) {
    const list = choices(el);
    if (list) {
      const on = list.find((c) => (c.el as HTMLOptionElement).selected === true || (c.el as HTMLInputElement).checked === true);
      return on ? { ok: true, state: on.text } : { ok: true, state: '' };
    }
    const f = field(el);
    return f ? { ok: true, state: clip(f.value, 300) } : fail('This control is not a list, a set of options or a field Loupe can set.');
  },
  expected(el, step) {
    const wanted = choiceValue(step);
    if (wanted === null) return null;
    const list = choices(el);
    if (list) return matchChoice(list, wanted)?.text ?? null;
    return field(el) ? clip(wanted, 300) : null;
  },
  set(el, _step, state) {
    const list = choices(el);
    if (list) {
      const c = matchChoice(list, state);
      if (!c) return fail(`This control has no option “${clip(state, 60)}”.`);
      c.pick();
      return { ok: true };
    }
    const f = field(el);
    if (!f) return fail('This control is not a list, a set of options or a field Loupe can set.');
    typeInto(f, state);
    return { ok: true };
  },
};

// ---- A toggle: a switch or checkbox (aria-checked / checked) or a pressed button (aria-pressed).

function toggleState(el: Element): 'on' | 'off' | null {
  if (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'checkbox') return (el as HTMLInputElement).checked ? 'on' : 'off';
  const v = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  return v === 'true' ? 'on' : v === 'false' ? 'off' : null;
}

const toggle: ControlModel = {
  read(el) {
    const s = toggleState(el);
    return s ? { ok: true, state: s } : fail('This control is not a switch, checkbox or toggle button.');
  },
  expected(el, step) {
    return step.kind === 'toggle-control' && toggleState(el) ? (step.value ? 'on' : 'off') : null;
  },
  set(el, _step, state) {
    if (toggleState(el) !== state) press(el);
    return { ok: true };
  },
};

// ---- Annotations: a list of items (<time datetime> + note, each with a remove button) and a form.

const noteOf = (step: PageStep): string | null => (step.kind === 'add-annotation' && ISO.test(step.value.at) ? `${step.value.at} ${clip(step.value.text, 300)}` : null);

function items(el: Element): Array<{ li: Element; key: string }> {
  const list = el.querySelector('ul,ol');
  return list ? Array.from(list.children).map((li) => {
    const date = li.querySelector('time')?.getAttribute('datetime') ?? '';
    const note = Array.from(li.childNodes).filter((n) => !(n as Element).matches?.('time,button')).map((n) => n.textContent ?? '').join(' ');
    return { li, key: `${date} ${clip(note, 300)}` };
  }) : [];
}

const annotations: ControlModel = {
  read(el) {
    if (!el.querySelector('ul,ol')) return fail('This annotation control has no list Loupe can read.');
    return { ok: true, state: JSON.stringify(items(el).map((i) => i.key)) };
  },
  expected(_el, step, before) {
    const note = noteOf(step);
    return note ? JSON.stringify([...(JSON.parse(before) as string[]), note]) : null;
  },
  set(el, step, state) {
    const note = noteOf(step);
    if (!note) return fail('This annotation has no date or text.');
    const want = (JSON.parse(state) as string[]).filter((k) => k === note).length;
    const have = items(el).filter((i) => same(i.key, note));
    // Only this step's own annotation is added or removed; anything else on the list stays as it is.
    if (have.length > want) {
      const last = have[have.length - 1].li;
      const remove = last.querySelector('[data-action="remove"]') ?? last.querySelector('button');
      if (!remove) return fail('This annotation has no remove button; remove it by hand.');
      press(remove);
      return { ok: true };
    }
    if (have.length < want) {
      const form = el.querySelector('form');
      const date = form?.querySelector<HTMLInputElement>('input[type="date"]');
      const text = form?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input[type="text"],input:not([type]),textarea');
      if (!form || !date || !text) return fail('This annotation control has no date and note fields Loupe can fill.');
      openDisclosure(el, form);
      if (step.kind === 'add-annotation') {
        typeInto(date, step.value.at);
        typeInto(text, clip(step.value.text, 300));
      }
      const submit = form.querySelector('button[type="submit"],input[type="submit"],button:not([type])');
      if (!submit) return fail('This annotation control has no save button.');
      press(submit);
    }
    return { ok: true };
  },
};

export const MODELS: Record<PageStep['kind'], ControlModel> = {
  'set-date-range': dateRange,
  'set-filter': choice,
  'set-breakdown': choice,
  'add-annotation': annotations,
  'toggle-control': toggle,
};

/** Two states equal as the page shows them (annotation lists compared item by item). */
export function sameState(kind: PageStep['kind'], a: ControlState, b: ControlState): boolean {
  if (kind !== 'add-annotation') return same(a, b);
  const x = JSON.parse(a) as string[];
  const y = JSON.parse(b) as string[];
  return x.length === y.length && x.every((k, i) => same(k, y[i]));
}
