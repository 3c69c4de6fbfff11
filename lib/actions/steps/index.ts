// Page steps (design.md level 3): describe, locate, read, apply, verify, revert. Pure functions of
// the document they are given, so they run the same in jsdom tests and in the tab's isolated world.
// Nothing here throws across its boundary: every result says ok or why not. What a step does is
// decided by the step (kind, target, value) alone; page text is only ever read back as data.
import { readPageContext } from '@/lib/snapshot/page/context';
import { clip, locateTarget } from './dom';
import { MODELS, parseShownRange, sameState, type ControlModel } from './kinds';
import type { ApplyResult, ControlState, PageStep, ReadResult, StepCheck } from './schema';

export { locateTarget };
export type { PageStep, ControlState };

function shortDate(iso: string, withYear: boolean): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return clip(iso, 40);
  const s = `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
  return withYear ? `${s}, ${d.getUTCFullYear()}` : s;
}

/** "Oct 1 – Oct 23, 2026"; both years when they differ. */
export function formatRange(from: string, to: string): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${shortDate(from, !sameYear)} – ${shortDate(to, true)}`;
}

/**
 * The step's button label: exactly what it will do, from the step's kind and value. `name` is the
 * control's name as the page labels it (preview passes it); else the step's control id is used.
 */
export function describeStep(step: PageStep, name?: string): string {
  const control = clip(name || step.target.controlId || 'the control', 60);
  switch (step.kind) {
    case 'set-date-range': return `Set date range to ${formatRange(step.value.from, step.value.to)}`;
    case 'set-filter': return `Set ${clip(step.value.field || control, 60)} to “${clip(step.value.value, 80)}”`;
    case 'set-breakdown': return `Break down by “${clip(step.value, 80)}”`;
    case 'add-annotation': return `Add annotation “${clip(step.value.text, 80)}” on ${shortDate(step.value.at, true)}`;
    case 'toggle-control': return `Turn ${step.value ? 'on' : 'off'} ${control}`;
  }
}

type Failure = { ok: false; message: string };

/** What every step operation starts from: the located control, its kind's model, and its state now. */
interface Control { el: Element; model: ControlModel; now: ControlState }

function guarded<T extends { ok: boolean }>(run: () => T, what: string): T | Failure {
  try {
    return run();
  } catch (err) {
    return { ok: false, message: `Loupe could not ${what}: ${clip(err instanceof Error ? err.message : String(err), 160)}` };
  }
}

/**
 * The one prelude of read, apply, verify and revert: locate the step's target, pick the model for its
 * kind, read the control's state; then run `fn` on them. A missing control or an unreadable state is
 * the result, and a throw anywhere (page code in a control's handlers) becomes "Loupe could not <what>".
 */
export function withControl<T extends { ok: boolean }>(doc: Document, step: PageStep, what: string, fn: (control: Control) => T): T | Failure {
  return guarded(() => {
    const found = locateTarget(doc, step);
    if (!found.ok) return found;
    const model = MODELS[step.kind];
    const now = model.read(found.el, step);
    return now.ok ? fn({ el: found.el, model, now: now.state }) : now;
  }, what);
}

const CANNOT_TAKE: Failure = { ok: false, message: 'This control cannot take the value the step sets.' };

/** The control's current state as the page shows it: the "before" a revert restores. */
export function readState(doc: Document, step: PageStep): ReadResult {
  return withControl(doc, step, 'read the control', ({ now }) => ({ ok: true as const, state: now }));
}

/** The state the step will produce, given the state before it. Needs only the control, not its state. */
export function expectedState(doc: Document, step: PageStep, before: ControlState): ReadResult {
  return guarded(() => {
    const found = locateTarget(doc, step);
    if (!found.ok) return found;
    const state = MODELS[step.kind].expected(found.el, step, before);
    return state === null ? CANNOT_TAKE : { ok: true as const, state };
  }, 'work out the new value');
}

/** Sets the control to the step's value through the page's own controls. Refuses before changing
 *  anything when the control is missing or cannot take the value. */
export function applyStep(doc: Document, win: Window, step: PageStep): ApplyResult {
  void win; // events are built from the control's own window (doc.defaultView)
  return withControl(doc, step, 'apply the step', ({ el, model, now: before }): ApplyResult => {
    const target = model.expected(el, step, before);
    if (target === null) return CANNOT_TAKE;
    const done = model.set(el, step, target, before);
    return done.ok ? { ok: true, before } : done;
  });
}

/**
 * Reads the page again: the control must now show the step's value and, for a date range, the page's
 * shown range (what Loupe's reader takes as the dashboard's range) must be it too. `before` (the state
 * recorded at apply) makes an annotation check exact; without it the new annotation must be listed.
 */
export function verifyStep(doc: Document, step: PageStep, before?: ControlState): StepCheck {
  return withControl(doc, step, 'check the page', ({ el, model, now }): StepCheck => {
    if (step.kind === 'add-annotation' && before === undefined) {
      const note = `${step.value.at} ${clip(step.value.text, 300)}`;
      return (JSON.parse(now) as string[]).some((k) => sameState('set-filter', k, note)) ? { ok: true } : { ok: false, message: 'The page does not list the new annotation.' };
    }
    const want = model.expected(el, step, before ?? now);
    if (want === null || !sameState(step.kind, now, want)) return { ok: false, message: `The page shows “${clip(now, 80)}”, not the value the step set.` };
    if (step.kind === 'set-date-range') {
      const view = doc.defaultView;
      const shown = view ? readPageContext(doc, view).context.dateRange : undefined;
      if (!shown || parseShownRange(shown) !== want) return { ok: false, message: `The page’s date range reads “${clip(shown ?? 'nothing', 60)}”.` };
    }
    return { ok: true };
  });
}

/** Sets the control back to the recorded state through the page's controls (no check). */
export function restoreStep(doc: Document, step: PageStep, before: ControlState): StepCheck {
  return withControl(doc, step, 'revert the step', ({ el, model, now }): StepCheck => {
    if (step.kind === 'add-annotation') JSON.parse(before); // a malformed record changes nothing
    if (sameState(step.kind, now, before)) return { ok: true };
    return model.set(el, step, before, now);
  });
}

/** Puts the control back to the recorded state, then reads it again to check. */
export function revertStep(doc: Document, win: Window, step: PageStep, before: ControlState): StepCheck {
  void win;
  const done = restoreStep(doc, step, before);
  return done.ok ? checkRestored(doc, step, before) : done;
}

/** The control shows the recorded state again. */
export function checkRestored(doc: Document, step: PageStep, before: ControlState): StepCheck {
  return guarded(() => restored(doc, step, before), 'check the page');
}

function restored(doc: Document, step: PageStep, before: ControlState): StepCheck {
  const now = readState(doc, step);
  if (!now.ok) return now;
  return sameState(step.kind, now.state, before) ? { ok: true } : { ok: false, message: `The page shows “${clip(now.state, 80)}”, not the recorded “${clip(before, 80)}”.` };
}
