import { useState } from 'react';
import { usePanel } from '@/lib/stores/use-panel';
import { RulesForm } from './RulesForm';

/** Escalation rules: drafts that match wait for the sign-offs a rule asks for. Only a person edits
 *  them, here; every change is in the decision log. */
export function RulesEditor() {
  const rules = usePanel((s) => s.rules);
  const removeRule = usePanel((s) => s.removeRule);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="rules-heading" className="rules-section">
      <h2 id="rules-heading" className="section-title">Escalation rules</h2>
      {rules.length === 0 && <p className="empty-state">No rules: drafts are not held for anyone’s sign-off.</p>}
      <ul aria-label="Escalation rules" className="rules-list">
        {rules.map((r) => (
          <li key={r.name}>
            {editing === r.name ? <RulesForm rule={r} onDone={() => setEditing(null)} /> : (
              <>
                <p className="rule-name"><strong>{r.name}</strong></p>
                <p className="muted">{r.message} · needs {r.require.signoffs} sign-off{r.require.signoffs > 1 ? 's' : ''} by {r.require.role}</p>
                <p className="muted rule-when">When {r.when.map((c) => `${c.field} ${c.op} ${JSON.stringify(c.value)}`).join(' and ')}</p>
                <button type="button" className="link-button" onClick={() => setEditing(r.name)}>
                  Edit<span className="visually-hidden"> rule {r.name}</span>
                </button>{' '}
                <button type="button" className="link-button" onClick={() => void removeRule(r.name).then((x) => setError(x.ok ? null : x.error))}>
                  Delete<span className="visually-hidden"> rule {r.name}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="hint" role="alert">{error}</p>}
      {editing === '' ? <RulesForm onDone={() => setEditing(null)} />
        : <button type="button" className="button" onClick={() => setEditing('')}>Add a rule</button>}
    </section>
  );
}
