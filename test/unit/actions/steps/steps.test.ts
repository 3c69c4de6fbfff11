// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStep, describeStep, locateTarget, readState, revertStep, verifyStep } from '@/lib/actions/steps';
import type { PageStep } from '@/lib/actions/steps/schema';
import { readPageContext } from '@/lib/snapshot/page/context';
import { $, loadBoard, steps } from './board';

/** Everything a person could see change on the board: control values and the shown texts. */
function pageState(): string {
  const inputs = Array.from(document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input,select'))
    .map((i) => `${i.id || i.getAttribute('name')}=${i instanceof HTMLInputElement && /radio|checkbox/.test(i.type) ? i.checked : i.value}`);
  const switches = Array.from(document.querySelectorAll('[role="switch"]')).map((s) => `${s.id}:${s.getAttribute('aria-checked')}:${s.textContent}`);
  return JSON.stringify({ inputs, switches, range: $('#date-range-button')?.textContent, notes: $('.annotation-list')?.textContent });
}

function roundTrip(step: PageStep, expected: { before: string; after: string; description: string }): void {
  expect(describeStep(step, locate(step))).toBe(expected.description);
  const start = pageState();
  const before = readState(document, step);
  expect(before).toEqual({ ok: true, state: expected.before });
  const applied = applyStep(document, window, step);
  expect(applied).toEqual({ ok: true, before: expected.before });
  expect(verifyStep(document, step, expected.before)).toEqual({ ok: true });
  expect(readState(document, step)).toEqual({ ok: true, state: expected.after });
  expect(pageState()).not.toBe(start);
  expect(revertStep(document, window, step, expected.before)).toEqual({ ok: true });
  expect(pageState()).toBe(start);
}

function locate(step: PageStep): string | undefined {
  const found = locateTarget(document, step);
  return found.ok ? found.name : undefined;
}

describe('page steps on the Growth board', () => {
  beforeEach(() => loadBoard('growth-mixpanel'));

  it('sets the date range through the picker; the header shows it; revert restores it', () => {
    const step = steps.range('2026-10-01', '2026-10-23');
    roundTrip(step, { before: '2026-08-01/2026-10-23', after: '2026-10-01/2026-10-23', description: 'Set date range to Oct 1 – Oct 23, 2026' });
    applyStep(document, window, step);
    expect($('#date-range-button').textContent).toBe('Oct 1 – Oct 23, 2026');
    expect(readPageContext(document, window).context.dateRange).toBe('Oct 1 – Oct 23, 2026');
    expect($('#date-range-dialog').hidden).toBe(true);
  });

  it('a range the page refuses is applied but not verified', () => {
    const step = steps.range('2026-07-01', '2026-10-23');
    expect(applyStep(document, window, step)).toEqual({ ok: true, before: '2026-08-01/2026-10-23' });
    expect(verifyStep(document, step, '2026-08-01/2026-10-23')).toMatchObject({ ok: false });
    expect($('#date-range-button').textContent).toBe('Aug 1 – Oct 23, 2026');
  });

  it('sets the segment filter', () => {
    roundTrip(steps.segment('New users'), { before: 'All users', after: 'New users', description: 'Set Segment to “New users”' });
  });

  it('sets the breakdown (radio group), by label or by value', () => {
    roundTrip(steps.breakdown('Platform'), { before: 'None', after: 'Platform', description: 'Break down by “Platform”' });
    roundTrip(steps.breakdown('country'), { before: 'None', after: 'Country', description: 'Break down by “country”' });
  });

  it('adds an annotation the page lists; revert removes only that one', () => {
    const step = steps.note('2026-10-10', 'Onboarding v2 launched');
    roundTrip(step, {
      before: JSON.stringify(['2026-09-14 Tracking outage']),
      after: JSON.stringify(['2026-09-14 Tracking outage', '2026-10-10 Onboarding v2 launched']),
      description: 'Add annotation “Onboarding v2 launched” on Oct 10, 2026',
    });
    applyStep(document, window, step);
    expect($('.annotation-list').textContent).toContain('Oct 10 Onboarding v2 launched');
    expect(verifyStep(document, step)).toEqual({ ok: true });
  });

  it('turns a feature flag off and on again', () => {
    roundTrip(steps.flag('flag-onboarding-v2', false), { before: 'on', after: 'off', description: 'Turn off Onboarding v2' });
    const s = steps.flag('flag-onboarding-v2', false);
    applyStep(document, window, s);
    expect($('#flag-onboarding-v2').textContent).toBe('Off');
    // Already off: applying again clicks nothing.
    expect(applyStep(document, window, s)).toEqual({ ok: true, before: 'off' });
    expect($('#flag-onboarding-v2').getAttribute('aria-checked')).toBe('false');
  });

  it('a missing target fails and changes nothing', () => {
    const start = pageState();
    const step = { ...steps.segment('New users'), target: { controlId: 'no-such-control' } };
    expect(applyStep(document, window, step)).toMatchObject({ ok: false, message: expect.stringMatching(/not on the page/) });
    expect(verifyStep(document, step)).toMatchObject({ ok: false });
    expect(revertStep(document, window, step, 'All users')).toMatchObject({ ok: false });
    expect(pageState()).toBe(start);
  });

  it('an option the control does not have fails and changes nothing', () => {
    const start = pageState();
    expect(applyStep(document, window, steps.segment('Churned users'))).toMatchObject({ ok: false });
    expect(pageState()).toBe(start);
  });

  it('a wrong kind of control fails and changes nothing', () => {
    const start = pageState();
    expect(applyStep(document, window, { ...steps.flag('segment', false) })).toMatchObject({ ok: false });
    expect(applyStep(document, window, { ...steps.range('2026-10-01', '2026-10-02'), target: { controlId: 'flag-onboarding-v2' } })).toMatchObject({ ok: false });
    expect(pageState()).toBe(start);
  });

  it('a malformed recorded state changes nothing', () => {
    const start = pageState();
    expect(revertStep(document, window, steps.note('2026-10-10', 'x'), 'not json')).toMatchObject({ ok: false });
    expect(pageState()).toBe(start);
  });

  it('finds the control by selector too, and refuses a target that matches twice', () => {
    const bySelector: PageStep = { ...steps.segment('Returning users'), target: { selector: '#segment' } };
    expect(applyStep(document, window, bySelector)).toEqual({ ok: true, before: 'All users' });
    const decoy = document.createElement('select');
    decoy.setAttribute('data-control', 'segment');
    decoy.innerHTML = '<option>All users</option><option>New users</option>';
    document.body.prepend(decoy);
    const start = pageState();
    expect(applyStep(document, window, steps.segment('New users'))).toMatchObject({ ok: false, message: expect.stringMatching(/More than one/) });
    expect(pageState()).toBe(start);
    expect(applyStep(document, window, { ...bySelector, target: { selector: '[[bad' } })).toMatchObject({ ok: false });
  });
});
