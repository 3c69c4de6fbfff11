import { matchRules } from '@/lib/guardrails/rules';
import { usePanel } from '@/lib/stores/use-panel';
import { SignoffForm } from './SignoffForm';

/** The escalation rules a draft matches: each blocking one says why and takes sign-offs until it has
 *  enough; satisfied ones list who signed. */
export function RuleGate({ id }: { id: number }) {
  const flow = usePanel((s) => s.drafts[id]?.flow);
  if (!flow) return null;
  const matches = matchRules({ draftFields: flow.proposal.draftFields, steps: flow.steps }, flow.rules).matches;
  if (!matches.length) return <p className="rules-clear muted">No escalation rule applies to this draft.</p>;
  const open = flow.phase === 'blocked' || flow.phase === 'ready';
  return (
    <ul className="rule-gates" aria-label="Escalation rules">
      {matches.map((m) => {
        const block = flow.blocking.find((b) => b.rule.name === m.rule.name);
        const signed = flow.signoffs.filter((s) => s.rule === m.rule.name);
        return (
          <li key={m.rule.name} className={block ? 'rule-gate blocked waiting' : 'rule-gate satisfied'}>
            {block
              ? <p role="alert">Blocked by rule “{m.rule.name}”: {m.rule.message} ({block.have} of {block.need} {m.rule.require.role} sign-off{block.need === 1 ? '' : 's'})</p>
              : <p><span aria-hidden="true">✓ </span>Rule “{m.rule.name}” signed off</p>}
            {signed.length > 0 && (
              <ul className="signoffs">{signed.map((s) => <li key={`${s.name}-${s.at}`}>{s.name} ({s.role}){s.note ? `: ${s.note}` : ''}</li>)}</ul>
            )}
            {block && open && <SignoffForm id={id} rule={m.rule.name} role={m.rule.require.role} />}
          </li>
        );
      })}
    </ul>
  );
}
