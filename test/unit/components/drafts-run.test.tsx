// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { cleanup, getByRole } from './render';
import { board, button, buttons, card, field, flush, form, passCheckpoint, press, renderDrafts, state, type, until, type Harness } from './drafts-harness';

// Level 3 in the Drafts tab: a draft waiting on a sign-off, runnable one step at a time, applied,
// failed, and undone by the kill switch, each state plain on the card.

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`drafts-run-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); });

const ROLLBACK = 'Roll back the onboarding change';
const RANGE = 'Set date range to Oct 10 – Oct 23';
const FLAG = 'Turn off the onboarding feature flag';
const SLACK = 'Tell the team in Slack';

const steps = (c: HTMLElement) => Array.from(getByRole(c, 'list', 'Steps').querySelectorAll<HTMLElement>(':scope > li'));
const stepStates = (c: HTMLElement) => steps(c).map((s) => s.querySelector('.step-state')!.textContent);
const stepButton = (c: HTMLElement, label: string) => button(c, label);
const killSwitch = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('header .kill-switch');

/** Approves the rollback and passes its checkpoint: the draft then waits on the PM's sign-off. */
async function blockedRollback(h: Harness): Promise<HTMLElement> {
  const c = card(h.el, ROLLBACK);
  await press(button(c, 'Approve'));
  await passCheckpoint(c);
  return c;
}

async function signOff(c: HTMLElement, name: string, role?: string): Promise<void> {
  const f = form(c, 'Sign off “Customer-facing change”');
  await type(field(f, 'Name'), name);
  if (role !== undefined) await type(field(f, 'Role'), role);
  await press(button(f, 'Sign off “Customer-facing change”'));
}

async function runStep(c: HTMLElement, label: string): Promise<void> {
  await press(stepButton(c, label));
  await press(button(c, `Apply: ${label}`));
}

describe('Drafts: running a draft', () => {
  it('waiting on a sign-off: says which rule and role, every step is off, and a sign-off in the wrong role is refused', async () => {
    const h = await renderDrafts(database);
    const c = await blockedRollback(h);
    expect(state(c)).toBe('Waiting on a sign-off: Customer-facing change (PM)');
    expect(getByRole(c, 'alert', /^Blocked by rule/).textContent).toBe('Blocked by rule “Customer-facing change”: Any customer-facing change requires PM sign-off. (0 of 1 PM sign-off)');
    expect(c.querySelector('.checkpoint-done')!.textContent).toMatch(/Checkpoint: act · window Oct 10 – Oct 23/);
    expect(steps(c).map((s) => s.querySelector('button, .step-label')!.textContent)).toEqual([RANGE, FLAG, `${SLACK} (slack)`]);
    expect(stepStates(c)).toEqual(['Not run', 'Not run', 'Not run']);
    expect([RANGE, FLAG].map((l) => stepButton(c, l).disabled)).toEqual([true, true]);
    expect(button(c, 'Sign off “Customer-facing change”').disabled, 'a name is needed').toBe(true);
    await signOff(c, 'Ana', 'engineer');
    expect(state(c)).toBe('Waiting on a sign-off: Customer-facing change (PM)');
    expect(getByRole(c, 'alert', 'rule “Customer-facing change” needs a sign-off in the role “PM”, not “engineer”')).toBeTruthy();
    expect(h.page.previewStep).not.toHaveBeenCalled();
  });

  it('runnable after the sign-off: only the next step is live; preview shows before → after; apply checks it', async () => {
    const h = await renderDrafts(database);
    const c = await blockedRollback(h);
    await signOff(c, 'Priya Shah');
    expect(c.querySelector('.rule-gate.satisfied')!.textContent).toBe('✓ Rule “Customer-facing change” signed offPriya Shah (PM)');
    expect(state(c)).toBe(`Waiting on you: ${RANGE}`);
    expect([RANGE, FLAG].map((l) => stepButton(c, l).disabled)).toEqual([false, true]);
    expect(killSwitch(h.el), 'nothing applied, nothing to undo').toBeNull();

    await press(stepButton(c, RANGE));
    expect(stepStates(c)[0]).toBe('Previewed');
    expect(c.querySelector('.step-preview p')!.textContent).toBe(`On the page: ${RANGE} · 2026-08-01/2026-10-23 → 2026-10-10/2026-10-23`);
    expect(h.page.applyStep, 'a preview changes nothing').not.toHaveBeenCalled();
    await press(button(c, `Apply: ${RANGE}`));
    expect(stepStates(c)).toEqual(['Applied and verified', 'Not run', 'Not run']);
    expect(c.querySelector('.step-result.ok')!.textContent).toBe('Verified on the page: 2026-10-10/2026-10-23');
    expect(state(c)).toBe(`Waiting on you: ${FLAG}`);
    expect(killSwitch(h.el)!.textContent).toBe('Undo all applied steps (1)');

    await runStep(c, FLAG);
    expect(h.page.values).toEqual({ range: '2026-10-10/2026-10-23', flag: 'off' });
    // The hand step: text to copy and "Mark done", which is the only thing left to click.
    const slack = steps(c)[2];
    expect(slack.querySelector('blockquote')!.textContent).toMatch(/^Rolling back: Roll back the onboarding change\./);
    expect(buttons(slack)).toEqual(['Copy', `Mark done: ${SLACK}`]);
    await press(button(slack, `Mark done: ${SLACK}`));
    expect(stepStates(c)).toEqual(['Applied and verified', 'Applied and verified', 'Done by hand']);
    expect(state(c)).toBe('Done: every step is applied and checked');
    expect(killSwitch(h.el)!.textContent).toBe('Undo all applied steps (2)');
  });

  it('applied, then the watched metric drops: the card offers the rollback, which undoes every page step', async () => {
    const h = await renderDrafts(database);
    const c = await blockedRollback(h);
    await signOff(c, 'Priya Shah');
    expect(c.querySelector('.guard')!.textContent).toBe('Watching Activation rate (rolls back past a 10% drop)');
    await runStep(c, RANGE);
    await runStep(c, FLAG);
    const lower = board();
    lower.charts[0].series[0].points = lower.charts[0].series[0].points.map((p) => ({ ...p, y: Math.round((p.y ?? 0) * 0.8 * 10) / 10 }));
    await h.store.getState().checkGuards(lower);
    await flush();
    const alert = getByRole(c, 'alert', /^Activation rate: The watched metric moved -20/);
    expect(alert.textContent).toMatch(/\(threshold 10%\): roll back\?/);
    await press(button(alert, 'Undo all applied steps (2)'));
    await until(() => expect(state(c)).toBe('Undone: applied steps were reverted'));
    expect(h.page.revertStep.mock.calls.map((call) => call[1].label)).toEqual([FLAG, RANGE]);
    expect(h.page.values).toEqual({ range: '2026-08-01/2026-10-23', flag: 'on' });
    expect(state(c)).toBe('Undone: applied steps were reverted');
    expect(stepStates(c)).toEqual(['Undone', 'Undone', 'Not run']);
    expect(h.el.querySelector('.kill-report')!.textContent).toBe('Undid 2 steps; the page shows the values before them.');
    expect(killSwitch(h.el)).toBeNull();
    expect(c.querySelector('.guard.dropped')).toBeNull();
    const live = Array.from(c.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')).filter((b) => !b.closest('[aria-label^="Evidence"]')).map((b) => b.textContent);
    expect(live, 'nothing left to run: only the hand step’s text to copy').toEqual(['Copy']);
  });

  it('failed: the draft stops, says why, and later steps stay untouched and off', async () => {
    const h = await renderDrafts(database);
    const c = await blockedRollback(h);
    await signOff(c, 'Priya Shah');
    h.page.applyStep.mockResolvedValueOnce({ ok: false, before: null, after: null, verified: false, message: 'The date picker is gone' });
    await runStep(c, RANGE);
    expect(stepStates(c)).toEqual(['Failed: the draft stopped', 'Not run', 'Not run']);
    expect(state(c)).toBe('Stopped: a step failed or could not be checked');
    expect(getByRole(c, 'alert', 'Not verified: The date picker is gone')).toBeTruthy();
    expect(stepButton(c, FLAG).disabled).toBe(true);
    expect(h.page.values.flag).toBe('on');
  });

  it('paused AI: the panel says so and no step can be clicked', async () => {
    const h = await renderDrafts(database);
    const c = await blockedRollback(h);
    await signOff(c, 'Priya Shah');
    h.store.setState({ copilotSettings: { ...h.store.getState().copilotSettings, paused: true } });
    await flush();
    expect(c.textContent).toContain('AI is paused: no step runs until you resume it in the header.');
    expect(stepButton(c, RANGE).disabled).toBe(true);
  });
});
