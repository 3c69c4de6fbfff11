import { z } from 'zod';
import { Rule, type Actor, type Condition, type DraftFields, type Scalar, type Signoff, type Step } from './schema';

// Escalation rules are data a team edits and shares as JSON. They are evaluated here, purely, against
// what a draft declares; a draft that matches is blocked until the required sign-offs are recorded.
// Only a person can change them: a model answer or page text that "says" a rule changed is refused.

/** What a rule can look at: a draft's declared fields plus a few derived ones. */
export interface RuleSubject {
  draftFields: DraftFields;
  steps?: readonly Step[];
}

/** Fields a condition may name, with how each is read from a draft. Derived fields exist because
 *  conditions are AND-ed: "a budget change over 10% either way" needs the absolute value. */
const FIELDS: Record<string, (s: RuleSubject) => Scalar | Scalar[] | undefined> = {
  budgetChangePct: (s) => s.draftFields.budgetChangePct,
  budgetChangeAbsPct: (s) => (s.draftFields.budgetChangePct === undefined ? undefined : Math.abs(s.draftFields.budgetChangePct)),
  customerFacing: (s) => s.draftFields.customerFacing,
  affectedUsers: (s) => s.draftFields.affectedUsers,
  metric: (s) => s.draftFields.metric,
  stepKinds: (s) => (s.steps ?? []).map((st) => st.kind),
};
export const RULE_FIELDS = Object.keys(FIELDS);

export const DEFAULT_RULES: Rule[] = [
  {
    name: 'Budget change over 10%',
    when: [{ field: 'budgetChangeAbsPct', op: '>', value: 10 }],
    require: { role: 'team member', signoffs: 1 },
    message: 'Any budget change over 10% requires review by a member of the team.',
  },
  {
    name: 'Customer-facing change',
    when: [{ field: 'customerFacing', op: '=', value: true }],
    require: { role: 'PM', signoffs: 1 },
    message: 'Any customer-facing change requires PM sign-off.',
  },
];

export interface ConditionResult { condition: Condition; holds: boolean; actual: Scalar | Scalar[] | undefined; why: string }
export interface RuleMatch { rule: Rule; conditions: ConditionResult[]; why: string }
export interface MatchReport {
  matches: RuleMatch[];
  /** Rules naming a field Loupe does not know: they do not match, and the team should hear about it. */
  unknownFields: { rule: string; field: string }[];
}

function show(v: Scalar | Scalar[] | undefined): string {
  return v === undefined ? 'not set' : JSON.stringify(v);
}

function holds(op: Condition['op'], actual: Scalar | Scalar[] | undefined, expected: Condition['value']): boolean {
  if (actual === undefined) return false; // an undeclared field never satisfies a condition
  if (op === 'contains') {
    if (Array.isArray(actual)) return actual.some((a) => a === expected);
    return typeof actual === 'string' && typeof expected === 'string' && actual.toLowerCase().includes(expected.toLowerCase());
  }
  if (Array.isArray(actual)) return false;
  if (op === 'in') return Array.isArray(expected) && expected.some((e) => e === actual);
  if (Array.isArray(expected)) return false;
  if (op === '=') return actual === expected;
  if (op === '!=') return actual !== expected;
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  switch (op) {
    case '>': return actual > expected;
    case '>=': return actual >= expected;
    case '<': return actual < expected;
    case '<=': return actual <= expected;
  }
}

export function evaluateCondition(c: Condition, subject: RuleSubject): ConditionResult | 'unknown-field' {
  const read = FIELDS[c.field];
  if (!read) return 'unknown-field';
  const actual = read(subject);
  const ok = holds(c.op, actual, c.value);
  return { condition: c, holds: ok, actual, why: `${c.field} is ${show(actual)} (rule: ${c.op} ${show(c.value)})` };
}

/** Which rules a draft matches, with each condition and why. */
export function matchRules(subject: RuleSubject, rules: readonly Rule[]): MatchReport {
  const matches: RuleMatch[] = [];
  const unknownFields: MatchReport['unknownFields'] = [];
  for (const rule of rules) {
    const results: ConditionResult[] = [];
    let unknown = false;
    for (const c of rule.when) {
      const r = evaluateCondition(c, subject);
      if (r === 'unknown-field') { unknown = true; unknownFields.push({ rule: rule.name, field: c.field }); } else results.push(r);
    }
    if (!unknown && results.every((r) => r.holds)) {
      matches.push({ rule, conditions: results, why: `${rule.message} (${results.map((r) => r.why).join('; ')})` });
    }
  }
  return { matches, unknownFields };
}

const sameRole = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The sign-offs that count for a rule: recorded by a person, with the rule's role, one per name. */
export function countingSignoffs(rule: Rule, signoffs: readonly Signoff[]): Signoff[] {
  const byName = new Map<string, Signoff>();
  for (const s of signoffs) {
    if (s.actor.kind !== 'person' || s.rule !== rule.name || !sameRole(s.role, rule.require.role)) continue;
    byName.set(s.name.trim().toLowerCase(), s);
  }
  return [...byName.values()];
}

export interface Blocking { rule: Rule; why: string; have: number; need: number }

/** The rules still blocking a draft (empty when it may run). */
export function blockingRules(subject: RuleSubject, rules: readonly Rule[], signoffs: readonly Signoff[]): Blocking[] {
  return matchRules(subject, rules).matches
    .map((m) => ({ rule: m.rule, why: m.why, have: countingSignoffs(m.rule, signoffs).length, need: m.rule.require.signoffs }))
    .filter((b) => b.have < b.need);
}

export function isBlocked(subject: RuleSubject, rules: readonly Rule[], signoffs: readonly Signoff[]): boolean {
  return blockingRules(subject, rules, signoffs).length > 0;
}

// ---- Import / export ----------------------------------------------------------------------------

export const RULES_FORMAT = 'loupe-rules';
const RulesFile = z.object({ format: z.literal(RULES_FORMAT), version: z.literal(1), rules: z.array(z.unknown()).max(200) });

export function exportRules(rules: readonly Rule[]): string {
  const clean = rules.map(({ id: _id, ...r }) => r); // database ids mean nothing in another browser
  return JSON.stringify({ format: RULES_FORMAT, version: 1, rules: clean }, null, 2);
}

export type ImportResult = { ok: true; rules: Rule[] } | { ok: false; errors: string[] };

function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(rule)';
}

/** Parses a team's rules file. Every problem is listed with the rule it is in, so a person can fix the
 *  file; nothing is imported unless the whole file is valid (a half-imported rule set would silently
 *  drop a guardrail). */
export function importRules(json: string): ImportResult {
  let raw: unknown;
  try { raw = JSON.parse(json); } catch (e) {
    return { ok: false, errors: [`The file is not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const file = RulesFile.safeParse(raw);
  if (!file.success) {
    return { ok: false, errors: [`The file is not a Loupe rules file: expected { "format": "${RULES_FORMAT}", "version": 1, "rules": [...] }`] };
  }
  const errors: string[] = [];
  const rules: Rule[] = [];
  file.data.rules.forEach((r, i) => {
    const label = `Rule ${i + 1}${r && typeof r === 'object' && 'name' in r && typeof r.name === 'string' ? ` “${r.name}”` : ''}`;
    const parsed = Rule.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(`${label}: ${issuePath(issue.path)}: ${issue.message}`);
      return;
    }
    for (const c of parsed.data.when) {
      if (!(c.field in FIELDS)) errors.push(`${label}: unknown field “${c.field}” (known: ${RULE_FIELDS.join(', ')})`);
    }
    rules.push({ ...parsed.data, id: undefined });
  });
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.name)) errors.push(`Rule “${r.name}” appears twice; names are unique`);
    seen.add(r.name);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules: rules.map(({ id: _id, ...r }) => r) };
}

// ---- Changes ------------------------------------------------------------------------------------

export type RuleChange =
  | { type: 'add'; rule: Rule }
  | { type: 'update'; name: string; rule: Rule }
  | { type: 'remove'; name: string }
  | { type: 'replace-all'; rules: Rule[] };

export type RuleChangeResult = { ok: true; rules: Rule[]; summary: string } | { ok: false; error: string };

/** Applies a change to a rule set, for a person only. Pure: the caller persists the result. */
export function applyRuleChange(rules: readonly Rule[], change: RuleChange, actor: Actor): RuleChangeResult {
  if (actor.kind !== 'person') {
    return { ok: false, error: `Rules are changed by a person only; a change from a ${actor.kind} (${actor.name}) was refused.` };
  }
  const check = (r: Rule) => Rule.safeParse(r);
  switch (change.type) {
    case 'add': {
      const p = check(change.rule);
      if (!p.success) return { ok: false, error: `Invalid rule: ${p.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ')}` };
      if (rules.some((r) => r.name === p.data.name)) return { ok: false, error: `A rule named “${p.data.name}” exists already.` };
      return { ok: true, rules: [...rules, p.data], summary: `Added rule “${p.data.name}”` };
    }
    case 'update': {
      const p = check(change.rule);
      if (!p.success) return { ok: false, error: `Invalid rule: ${p.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ')}` };
      if (!rules.some((r) => r.name === change.name)) return { ok: false, error: `No rule named “${change.name}”.` };
      if (p.data.name !== change.name && rules.some((r) => r.name === p.data.name)) return { ok: false, error: `A rule named “${p.data.name}” exists already.` };
      return { ok: true, rules: rules.map((r) => (r.name === change.name ? { ...p.data, id: r.id } : r)), summary: `Changed rule “${change.name}”` };
    }
    case 'remove':
      if (!rules.some((r) => r.name === change.name)) return { ok: false, error: `No rule named “${change.name}”.` };
      return { ok: true, rules: rules.filter((r) => r.name !== change.name), summary: `Removed rule “${change.name}”` };
    case 'replace-all': {
      const imported = importRules(JSON.stringify({ format: RULES_FORMAT, version: 1, rules: change.rules }));
      if (!imported.ok) return { ok: false, error: imported.errors.join('\n') };
      return { ok: true, rules: imported.rules, summary: `Replaced the rules with ${imported.rules.length} imported rule(s)` };
    }
  }
}
