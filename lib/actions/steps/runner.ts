// What entrypoints/step-runner.ts installs in the tab's isolated world: preview, apply and revert of
// one step, each called by the background only for that step's own message (sent by the panel's
// per-step button). The step is parsed again here: the page world receives data, never code.
import { clip, locateTarget } from './dom';
import { applyStep, checkRestored, describeStep, expectedState, readState, restoreStep, verifyStep } from './index';
import { clearStepOutline, outlineTarget } from './outline';
import { parsePageStep, type StepOutcome, type StepPreview } from './schema';

/** How long a change may take to show (frameworks re-render after the event); polled, not slept. */
const SETTLE_MS = 3000;
const POLL_MS = 50;

const badStep = 'Loupe can only carry out a page step it drafted; this one is not valid.';
const moved = 'The page changed since the preview (it navigated elsewhere). Nothing was changed; preview the step again.';

async function until(check: () => { ok: boolean; message?: string }, ms = SETTLE_MS): Promise<{ ok: boolean; message?: string }> {
  const end = Date.now() + ms;
  for (;;) {
    const r = check();
    if (r.ok || Date.now() >= end) return r;
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}

/** Highlights the control and says what will change: before (now) and after (the step's value). */
export function previewInPage(doc: Document, win: Window, input: unknown): StepPreview {
  const url = win.location.href;
  const step = parsePageStep(input);
  if (!step) return { ok: false, description: '', before: null, after: null, url, message: badStep };
  const found = locateTarget(doc, step);
  const description = describeStep(step, found.ok ? found.name : undefined);
  if (!found.ok) return { ok: false, description, before: null, after: null, url, message: found.message };
  const before = readState(doc, step);
  if (!before.ok) return { ok: false, description, before: null, after: null, url, message: before.message };
  const after = expectedState(doc, step, before.state);
  if (!after.ok) return { ok: false, description, before: before.state, after: null, url, message: after.message };
  outlineTarget(doc, found.el, description);
  return { ok: true, description, before: before.state, after: after.state, url, message: '' };
}

/** Applies the step, then reads the page again until it shows the value (bounded). Refuses without
 *  touching anything when the page is not the one previewed or the control is gone. */
export async function applyInPage(doc: Document, win: Window, input: unknown, expectedUrl: string): Promise<StepOutcome> {
  const step = parsePageStep(input);
  if (!step) return { ok: false, before: null, after: null, verified: false, message: badStep };
  if (win.location.href !== expectedUrl) return { ok: false, before: null, after: null, verified: false, message: moved };
  clearStepOutline(doc);
  const done = applyStep(doc, win, step);
  if (!done.ok) return { ok: false, before: null, after: null, verified: false, message: done.message };
  const check = await until(() => verifyStep(doc, step, done.before));
  const now = readState(doc, step);
  const after = now.ok ? now.state : null;
  return check.ok
    ? { ok: true, before: done.before, after, verified: true, message: `${describeStep(step)}: done, and the page shows it.` }
    : { ok: true, before: done.before, after, verified: false, message: clip(`Applied, but the page does not show it: ${check.message ?? ''}`, 300) };
}

/** Puts the control back to the state recorded before the step, and checks the page shows it. */
export async function revertInPage(doc: Document, win: Window, input: unknown, before: string, expectedUrl?: string): Promise<StepOutcome> {
  const step = parsePageStep(input);
  if (!step || typeof before !== 'string') return { ok: false, before: null, after: null, verified: false, message: badStep };
  if (expectedUrl !== undefined && win.location.href !== expectedUrl) return { ok: false, before: null, after: null, verified: false, message: moved };
  const now = readState(doc, step);
  const done = restoreStep(doc, step, before);
  if (!done.ok) return { ok: false, before: now.ok ? now.state : null, after: null, verified: false, message: done.message };
  const check = await until(() => checkRestored(doc, step, before));
  const after = readState(doc, step);
  return {
    ok: check.ok, before: now.ok ? now.state : null, after: after.ok ? after.state : null, verified: check.ok,
    message: check.ok ? 'Reverted: the page shows the value it had before the step.' : clip(`Loupe could not restore the earlier value: ${check.message ?? ''}`, 300),
  };
}

export const stepRunner = { previewInPage, applyInPage, revertInPage, clearStepOutline };
export type StepRunner = typeof stepRunner;
