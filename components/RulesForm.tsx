import { useId, useState, type FormEvent } from 'react';
import { CONDITION_OPS, type Condition, type Rule, type Scalar } from '@/lib/guardrails/schema';
import { RULE_FIELDS } from '@/lib/guardrails/rules';
import { usePanel } from '@/lib/stores/use-panel';

interface Props { rule?: Rule; onDone(): void }

/** "10" is a number, "true"/"false" a yes/no, "a, b" a list for "in"; anything else is text. */
export function parseValue(raw: string, op: Condition['op']): Condition['value'] {
  const one = (s: string): Scalar => {
    const t = s.trim();
    if (t === 'true' || t === 'false') return t === 'true';
    return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
  };
  return op === 'in' ? raw.split(',').map(one) : one(raw);
}

function showValue(v: Condition['value']): string {
  return Array.isArray(v) ? v.map(String).join(', ') : String(v);
}

/** Add or edit an escalation rule (one condition here; a file import can carry several). */
export function RulesForm({ rule, onDone }: Props) {
  const saveRule = usePanel((s) => s.saveRule);
  const first = rule?.when[0];
  const [name, setName] = useState(rule?.name ?? '');
  const [field, setField] = useState(first?.field ?? RULE_FIELDS[0]);
  const [op, setOp] = useState<Condition['op']>(first?.op ?? '>');
  const [value, setValue] = useState(first ? showValue(first.value) : '');
  const [role, setRole] = useState(rule?.require.role ?? '');
  const [signoffs, setSignoffs] = useState(String(rule?.require.signoffs ?? 1));
  const [message, setMessage] = useState(rule?.message ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const next: Rule = {
      name: name.trim(), message: message.trim(),
      when: [{ field, op, value: parseValue(value, op) }, ...(rule?.when.slice(1) ?? [])],
      require: { role: role.trim(), signoffs: Number(signoffs) },
    };
    const r = await saveRule(next, rule?.name);
    if (r.ok) onDone(); else setError(r.error);
  };

  return (
    <form className="rules-form" aria-label={rule ? `Edit rule ${rule.name}` : 'Add a rule'} onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-name`}>Rule name</label>
      <input id={`${id}-name`} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${id}-field`}>When</label>
      <select id={`${id}-field`} value={field} onChange={(e) => setField(e.target.value)}>
        {RULE_FIELDS.map((f) => <option key={f} value={f}>{f}</option>)}
      </select>
      <label htmlFor={`${id}-op`}>Is</label>
      <select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as Condition['op'])}>
        {CONDITION_OPS.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      <label htmlFor={`${id}-value`}>Value</label>
      <input id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} />
      <label htmlFor={`${id}-role`}>Sign-off by (role)</label>
      <input id={`${id}-role`} value={role} maxLength={80} onChange={(e) => setRole(e.target.value)} />
      <label htmlFor={`${id}-count`}>Sign-offs needed</label>
      <input id={`${id}-count`} type="number" min={1} max={10} value={signoffs} onChange={(e) => setSignoffs(e.target.value)} />
      <label htmlFor={`${id}-message`}>Message shown on a blocked draft</label>
      <input id={`${id}-message`} value={message} maxLength={500} onChange={(e) => setMessage(e.target.value)} />
      {error && <p className="hint" role="alert">The rule was not saved: {error}</p>}
      <div className="form-buttons">
        <button type="submit" className="button primary">{rule ? 'Save rule' : 'Add rule'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
