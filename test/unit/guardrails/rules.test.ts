import { describe, expect, it } from 'vitest';
import { templateProposals } from '@/lib/guardrails/proposals';
import {
  applyRuleChange, blockingRules, DEFAULT_RULES, exportRules, importRules, isBlocked, matchRules, type RuleSubject,
} from '@/lib/guardrails/rules';
import type { Condition, DraftFields, Rule, Signoff } from '@/lib/guardrails/schema';
import type { RuleChange } from '@/lib/guardrails/rules';
import { activation, model, now, page, person, spend } from './fixtures';

const subject = (draftFields: RuleSubject['draftFields']): RuleSubject => ({ draftFields });
const rule = (when: Rule['when']): Rule => ({ name: 'r', when, require: { role: 'PM', signoffs: 1 }, message: 'm' });

describe('conditions', () => {
  it.each([
    [{ field: 'budgetChangePct', op: '>', value: 10 }, { budgetChangePct: 30 }, true],
    [{ field: 'budgetChangePct', op: '>', value: 10 }, { budgetChangePct: 10 }, false],
    [{ field: 'budgetChangePct', op: '>=', value: 10 }, { budgetChangePct: 10 }, true],
    [{ field: 'budgetChangePct', op: '<', value: 0 }, { budgetChangePct: -5 }, true],
    [{ field: 'budgetChangePct', op: '<=', value: -5 }, { budgetChangePct: -4 }, false],
    [{ field: 'budgetChangeAbsPct', op: '>', value: 10 }, { budgetChangePct: -30 }, true],
    [{ field: 'customerFacing', op: '=', value: true }, { customerFacing: true }, true],
    [{ field: 'customerFacing', op: '=', value: true }, { customerFacing: false }, false],
    [{ field: 'customerFacing', op: '!=', value: true }, { customerFacing: false }, true],
    [{ field: 'affectedUsers', op: '>', value: 1000 }, { affectedUsers: 5000 }, true],
    [{ field: 'metric', op: 'in', value: ['Revenue', 'Activation rate'] }, { metric: 'Activation rate' }, true],
    [{ field: 'metric', op: 'in', value: ['Revenue'] }, { metric: 'Activation rate' }, false],
    [{ field: 'metric', op: 'contains', value: 'activation' }, { metric: 'Activation rate' }, true],
    [{ field: 'budgetChangePct', op: '>', value: 10 }, {}, false], // not declared → never matches
    [{ field: 'budgetChangePct', op: '>', value: '10' }, { budgetChangePct: 30 }, false], // no string/number coercion
  ] as [Condition, DraftFields, boolean][])('%j on %j → %s', (c, fields, expected) => {
    expect(matchRules(subject(fields), [rule([c])]).matches.length === 1).toBe(expected);
  });

  it('AND-s the conditions and says which condition held and why', () => {
    const r = rule([{ field: 'customerFacing', op: '=', value: true }, { field: 'affectedUsers', op: '>', value: 100 }]);
    expect(matchRules(subject({ customerFacing: true, affectedUsers: 50 }), [r]).matches).toHaveLength(0);
    const [m] = matchRules(subject({ customerFacing: true, affectedUsers: 500 }), [r]).matches;
    expect(m.conditions.map((c) => c.holds)).toEqual([true, true]);
    expect(m.why).toContain('affectedUsers is 500 (rule: > 100)');
  });

  it('reports a rule naming an unknown field and does not match it', () => {
    const r = matchRules(subject({ budgetChangePct: 50 }), [rule([{ field: 'budgetPct', op: '>', value: 1 }])]);
    expect(r.matches).toEqual([]);
    expect(r.unknownFields).toEqual([{ rule: 'r', field: 'budgetPct' }]);
  });

  it('matches step kinds with contains', () => {
    const r = rule([{ field: 'stepKinds', op: 'contains', value: 'add-annotation' }]);
    const steps = [{ id: 's1', kind: 'add-annotation', label: 'x', target: { controlId: 'a' }, value: { at: '2026-10-10', text: 't' } }] as const;
    expect(matchRules({ draftFields: {}, steps: [...steps] }, [r]).matches).toHaveLength(1);
  });
});

describe('default rules', () => {
  it('"reallocate 30% of paid spend" needs a team member\'s review', () => {
    const p = templateProposals(spend, now).find((x) => x.kind === 'adjust-budget')!;
    expect(p.title).toMatch(/Reallocate 30% of paid spend/);
    const { matches } = matchRules({ draftFields: p.draftFields }, DEFAULT_RULES);
    expect(matches.map((m) => [m.rule.name, m.rule.require.role])).toEqual([['Budget change over 10%', 'team member']]);
    expect(matches[0].why).toContain('budget change over 10%');
  });

  it('"roll back the onboarding change" is customer-facing and needs PM sign-off', () => {
    const p = templateProposals(activation, now).find((x) => x.kind === 'roll-back-change')!;
    expect(p.title).toBe('Roll back the onboarding change');
    const { matches } = matchRules({ draftFields: p.draftFields }, DEFAULT_RULES);
    expect(matches.map((m) => [m.rule.name, m.rule.require.role])).toEqual([['Customer-facing change', 'PM']]);
  });

  it('an analysis-only proposal matches no default rule', () => {
    const p = templateProposals(activation, now).find((x) => x.kind === 'investigate-segment')!;
    expect(matchRules({ draftFields: p.draftFields }, DEFAULT_RULES).matches).toEqual([]);
  });
});

describe('blocking and sign-offs', () => {
  const fields = { customerFacing: true, budgetChangePct: 30 };
  const so = (o: Partial<Signoff>): Signoff => ({ draftId: 1, rule: 'Customer-facing change', name: 'Bo', role: 'PM', note: '', at: now, actor: person, ...o });
  const table: [string, Signoff[], string[]][] = [
    ['no sign-offs', [], ['Budget change over 10%', 'Customer-facing change']],
    ['PM only', [so({})], ['Budget change over 10%']],
    ['wrong role does not count', [so({ role: 'intern' })], ['Budget change over 10%', 'Customer-facing change']],
    ['recorded by a model does not count', [so({ actor: model })], ['Budget change over 10%', 'Customer-facing change']],
    ['both', [so({}), so({ rule: 'Budget change over 10%', role: 'Team member', name: 'Cy' })], []],
  ];
  it.each(table)('%s', (_label, signoffs, still) => {
    expect(blockingRules({ draftFields: fields }, DEFAULT_RULES, signoffs).map((b) => b.rule.name)).toEqual(still);
    expect(isBlocked({ draftFields: fields }, DEFAULT_RULES, signoffs)).toBe(still.length > 0);
  });

  it('two sign-offs from the same person count once', () => {
    const rules: Rule[] = [{ ...DEFAULT_RULES[1], require: { role: 'PM', signoffs: 2 } }];
    expect(isBlocked({ draftFields: fields }, rules, [so({}), so({ note: 'again' })])).toBe(true);
    expect(isBlocked({ draftFields: fields }, rules, [so({}), so({ name: 'Di' })])).toBe(false);
  });
});

describe('import / export', () => {
  it('round-trips the defaults without database ids', () => {
    const json = exportRules(DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1 })));
    expect(json).not.toContain('"id"');
    expect(importRules(json)).toEqual({ ok: true, rules: DEFAULT_RULES });
  });

  const file = (rules: unknown) => JSON.stringify({ format: 'loupe-rules', version: 1, rules });
  it.each([
    ['not JSON', '{"format": "loupe-rules",', /not JSON/],
    ['another file', JSON.stringify({ rules: [] }), /not a Loupe rules file/],
    ['a bare array', JSON.stringify(DEFAULT_RULES), /not a Loupe rules file/],
    ['an unknown operator', file([{ ...DEFAULT_RULES[0], when: [{ field: 'budgetChangePct', op: '~', value: 1 }] }]), /Rule 1 “Budget change over 10%”: when\[0\]\.op/],
    ['no conditions', file([{ ...DEFAULT_RULES[0], when: [] }]), /Rule 1 .*when/],
    ['zero sign-offs', file([{ ...DEFAULT_RULES[0], require: { role: 'PM', signoffs: 0 } }]), /require\.signoffs/],
    ['an unknown field', file([{ ...DEFAULT_RULES[0], when: [{ field: 'budget', op: '>', value: 1 }] }]), /unknown field “budget”/],
    ['a duplicate name', file([DEFAULT_RULES[0], DEFAULT_RULES[0]]), /appears twice/],
    ['an extra key', file([{ ...DEFAULT_RULES[0], approvedBy: 'model' }]), /Rule 1/],
  ])('refuses %s with a clear message', (_label, json, message) => {
    const r = importRules(json);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });

  it('imports nothing when one rule of several is bad', () => {
    const r = importRules(file([DEFAULT_RULES[0], { name: 'half' }]));
    expect(r.ok).toBe(false);
  });
});

describe('rule changes', () => {
  const extra: Rule = { name: 'Many users', when: [{ field: 'affectedUsers', op: '>', value: 10000 }], require: { role: 'Director', signoffs: 1 }, message: 'Big blast radius.' };
  it.each([model, page])('refuses a %j actor for every kind of change', (actor) => {
    for (const change of [
      { type: 'add', rule: extra }, { type: 'remove', name: DEFAULT_RULES[0].name },
      { type: 'update', name: DEFAULT_RULES[0].name, rule: { ...DEFAULT_RULES[0], when: [{ field: 'budgetChangeAbsPct', op: '>', value: 99 }] } },
      { type: 'replace-all', rules: [] },
    ] as RuleChange[]) {
      const r = applyRuleChange(DEFAULT_RULES, change, actor);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/person only/);
    }
  });

  it('lets a person add, update and remove, and validates what they write', () => {
    const added = applyRuleChange(DEFAULT_RULES, { type: 'add', rule: extra }, person);
    expect(added.ok && added.rules.map((r) => r.name)).toEqual([...DEFAULT_RULES.map((r) => r.name), 'Many users']);
    expect(applyRuleChange(DEFAULT_RULES, { type: 'add', rule: DEFAULT_RULES[0] }, person).ok).toBe(false);
    expect(applyRuleChange(DEFAULT_RULES, { type: 'add', rule: { ...extra, when: [] } }, person).ok).toBe(false);
    const removed = applyRuleChange(DEFAULT_RULES, { type: 'remove', name: 'Customer-facing change' }, person);
    expect(removed.ok && removed.rules).toHaveLength(1);
    const updated = applyRuleChange(DEFAULT_RULES, { type: 'update', name: 'Customer-facing change', rule: { ...DEFAULT_RULES[1], require: { role: 'PM', signoffs: 2 } } }, person);
    expect(updated.ok && updated.rules[1].require.signoffs).toBe(2);
  });
});
