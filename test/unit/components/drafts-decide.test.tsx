// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoupeDb } from '@/lib/db';
import { addNote } from '@/lib/db/notes';
import { cleanup, getByRole } from './render';
import { button, buttons, card, field, flush, form, passCheckpoint, press, renderDrafts, state, type } from './drafts-harness';

// Level 2 in the Drafts tab: what a person sees of each proposal and what they can click, from
// "waiting on you" through approve / modify / decline and the checkpoint.

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`drafts-ui-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); });

const ROLLBACK = 'Roll back the onboarding change';

describe('Drafts: deciding on a proposal', () => {
  it('lists every proposal waiting on you, with what to weigh and three choices', async () => {
    const { el } = await renderDrafts(database);
    const list = getByRole(el, 'list', 'Proposals');
    expect(list.querySelectorAll(':scope > li').length).toBe(4);
    const c = card(el, ROLLBACK);
    expect(state(c)).toBe('Waiting on you: approve, modify or decline');
    expect(c.querySelector('.draft-state')!.getAttribute('role')).toBe('status');
    expect(c.querySelector('.proposal-facts')!.textContent).toBe('ImpactCould restore Activation rate if the change caused itRiskmediumReversibilityRe-release the change (feature flag)AffectedNew users going through onboarding');
    expect(c.textContent).toContain('Loupe template');
    expect(buttons(getByRole(c, 'group', `Decide on ${ROLLBACK}`))).toEqual(['Approve', 'Modify', 'Decline']);
    expect(c.querySelector('form'), 'no checkpoint before approval').toBeNull();
  });

  it('a decline needs a reason; then the card says declined, why, and offers nothing more', async () => {
    const { el, store } = await renderDrafts(database);
    const c = card(el, /^Annotate the chart/);
    await press(button(c, 'Decline'));
    const submit = button(c, 'Decline with this reason');
    expect(submit.disabled).toBe(true);
    await type(field<HTMLTextAreaElement>(c, /^Why decline\?/), 'Nobody reads annotations');
    expect(submit.disabled).toBe(false);
    await press(submit);
    expect(state(c)).toBe('Declined: Nobody reads annotations');
    expect(c.querySelector('.decision')!.textContent).toBe('Declined by you');
    expect(buttons(c)).toEqual([]);
    expect(el.querySelector('.draft-history')!.textContent).toContain('you · Declined: Nobody reads annotations');
    expect(Object.values(store.getState().drafts).filter((d) => d.flow.phase === 'declined')).toHaveLength(1);
  });

  it('modify edits the words, then the proposal is approved as modified and waits on the checkpoint', async () => {
    const { el } = await renderDrafts(database);
    const c = card(el, ROLLBACK);
    await press(button(c, 'Modify'));
    const f = form(c, `Modify ${ROLLBACK}`);
    await type(field<HTMLTextAreaElement>(f, 'Title'), 'Roll back onboarding v2 for web only');
    await press(button(f, 'Save and approve'));
    const edited = card(el, 'Roll back onboarding v2 for web only');
    expect(edited.querySelector('.decision')!.textContent).toBe('Modified and approved by you');
    expect(state(edited)).toBe('Waiting on you: the checkpoint');
  });

  it('the checkpoint cannot be passed without both confirmations; review only drafts nothing', async () => {
    const { el } = await renderDrafts(database);
    const c = card(el, /^Investigate which segment/);
    await press(button(c, 'Approve'));
    expect(state(c)).toBe('Waiting on you: the checkpoint');
    expect(buttons(c)).toEqual(['Modify', 'Decline', 'Confirm checkpoint']);
    const f = form(c, 'Checkpoint');
    expect(f.textContent).toContain('Tick both confirmations to continue.');
    expect(field(f, 'From').value).toBe('2026-10-10');
    expect(field(f, 'To').value).toBe('2026-10-23');
    expect(field(f, 'Cohort').value).toBe('All users');
    const confirm = button(f, 'Confirm checkpoint');
    await press(field(f, /I confirm the window/));
    expect(confirm.disabled, 'the cohort is still unconfirmed').toBe(true);
    // Editing the window takes its confirmation back.
    await type(field(f, 'From'), '2026-10-11');
    await press(field(f, /I confirm the cohort/));
    expect(confirm.disabled).toBe(true);
    await passCheckpoint(c, 'review');
    expect(state(c)).toBe('Review only: nothing will run');
    expect(c.querySelector('.checkpoint-done')!.textContent).toMatch(/Checkpoint: review only · window Oct 11 – Oct 23 · cohort All users$/);
    expect(c.querySelector('[aria-label="Steps"]')).toBeNull();
    expect(buttons(c)).toEqual([]);
  });

  it('a proposal that goes against a note of this board says so with the note’s words; others do not', async () => {
    await addNote(database, { text: 'Never roll back the onboarding change: the activation dip is expected while users learn it', dashboard: 'http://127.0.0.1:4173/dashboards/growth-*', scope: { chart: 'Activation rate' }, by: 'Maya (PM)' });
    const { el } = await renderDrafts(database);
    await flush();
    const c = card(el, ROLLBACK);
    const flagged = getByRole(c, 'list', `Notes ${ROLLBACK} contradicts`);
    expect(flagged.textContent).toMatch(/^Contradicts your note: “Never roll back the onboarding change: the activation dip is expected while users learn it” \(Maya \(PM\)\) · it would roll back what the note protects \(both mention “activation”, “onboarding”\)$/);
    expect(card(el, /^Investigate which segment/).querySelector('.contradictions')).toBeNull();
  });

  it('says which provider is being asked, and why the templates are shown when its answer was unusable', async () => {
    const { el, store } = await renderDrafts(database);
    const key = Object.keys(store.getState().triage)[0];
    await press(el); // no-op click: lets React settle
    store.setState({ proposing: 'Test LLM', proposalNotes: { [key]: 'Test LLM gave no usable proposals (the answer was not JSON), so these are Loupe\'s templates.', 'http://elsewhere/|x': 'Another board' } });
    await flush();
    const statuses = Array.from(el.querySelectorAll('.drafts > [role="status"]')).map((s) => s.textContent);
    expect(statuses).toEqual(['Asking Test LLM for proposals…', 'Test LLM gave no usable proposals (the answer was not JSON), so these are Loupe\'s templates.']);
  });
});
