// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseValue } from '@/components/RulesForm';
import { LoupeDb } from '@/lib/db';
import { allLog } from '@/lib/db/log';
import { activationBoard } from '../stores/findings-fixture';
import { cleanup, click, getByRole } from './render';
import { field, fill, form, forms, renderPanel, submit } from './learning-harness';

let database: LoupeDb;
beforeEach(async () => { database = new LoupeDb(`rules-ui-${Math.random()}`); await database.open(); });
afterEach(async () => { await cleanup(); database.close(); await database.delete(); });

const rulesList = (el: HTMLElement) => getByRole(el, 'list', 'Escalation rules');
const items = (list: HTMLElement) => Array.from(list.querySelectorAll(':scope > li')).map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim());
const storedNames = async () => (await database.rules.toArray()).map((r) => r.name).sort();

describe('Escalation rules', () => {
  it('starts with the default rules, each saying when it applies and who signs off', async () => {
    const { el } = await renderPanel(database, activationBoard(), 'Notes & rules');
    const rules = items(rulesList(el));
    expect(rules).toHaveLength(2);
    expect(rules[0]).toMatch(/^Budget change over 10%Any budget change over 10% requires review by a member of the team\. · needs 1 sign-off by team memberWhen budgetChangeAbsPct > 10/);
    expect(rules[1]).toMatch(/^Customer-facing change.*needs 1 sign-off by PMWhen customerFacing = true/);
  });

  it('adds a rule from the form; the change is in the decision log', async () => {
    const { el } = await renderPanel(database, activationBoard(), 'Notes & rules');
    await click(getByRole(el, 'button', 'Add a rule'));
    const f = form(el, 'Add a rule');
    await fill(field(f, 'Rule name'), 'Retention metric');
    await fill(field<HTMLSelectElement>(f, 'When'), 'metric');
    await fill(field<HTMLSelectElement>(f, 'Is'), 'in');
    await fill(field(f, 'Value'), 'retention, activation');
    await fill(field(f, 'Sign-off by (role)'), 'analyst');
    await fill(field(f, 'Sign-offs needed'), '2');
    await fill(field(f, 'Message shown on a blocked draft'), 'Changes to retention or activation need two analysts.');
    await submit(getByRole(f, 'button', 'Add rule'));

    expect(forms(el)).toHaveLength(0);
    expect(items(rulesList(el))).toContain(
      'Retention metricChanges to retention or activation need two analysts. · needs 2 sign-offs by analystWhen metric in ["retention","activation"]Edit rule Retention metric Delete rule Retention metric');
    expect(await storedNames()).toEqual(['Budget change over 10%', 'Customer-facing change', 'Retention metric']);
    expect((await allLog(database)).map((e) => e.kind)).toContain('rule-changed');
  });

  it('refuses a rule without a name or role, says why, and saves nothing', async () => {
    const { el } = await renderPanel(database, activationBoard(), 'Notes & rules');
    await click(getByRole(el, 'button', 'Add a rule'));
    const f = form(el, 'Add a rule');
    await fill(field(f, 'Value'), '5');
    await submit(getByRole(f, 'button', 'Add rule'));
    expect(getByRole(f, 'alert').textContent).toMatch(/^The rule was not saved: .+/);
    expect(await storedNames()).toEqual(['Budget change over 10%', 'Customer-facing change']);
  });

  it('edits a rule in place and deletes one', async () => {
    const { el } = await renderPanel(database, activationBoard(), 'Notes & rules');
    await click(getByRole(el, 'button', 'Edit rule Budget change over 10%'));
    const f = form(el, 'Edit rule Budget change over 10%');
    expect(field(f, 'Value').value).toBe('10');
    await fill(field(f, 'Value'), '20');
    await fill(field(f, 'Rule name'), 'Budget change over 20%');
    await submit(getByRole(f, 'button', 'Save rule'));
    expect(items(rulesList(el))[0]).toMatch(/^Budget change over 20%.*When budgetChangeAbsPct > 20/);
    expect(await storedNames()).toEqual(['Budget change over 20%', 'Customer-facing change']);

    await submit(getByRole(el, 'button', 'Delete rule Customer-facing change'));
    expect(items(rulesList(el))).toHaveLength(1);
    expect(await storedNames()).toEqual(['Budget change over 20%']);
  });
});

describe('parseValue', () => {
  it('reads numbers, yes/no and lists as a person types them', () => {
    expect(parseValue(' 10 ', '>')).toBe(10);
    expect(parseValue('true', '=')).toBe(true);
    expect(parseValue('activation', '=')).toBe('activation');
    expect(parseValue('a, 2, false', 'in')).toEqual(['a', 2, false]);
  });
});
