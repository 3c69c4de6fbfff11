import { usePanel } from '@/lib/stores/use-panel';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** This dashboard's decision history (the Log tab shows every board's): who decided what, and why. */
export function DraftHistory() {
  const log = usePanel((s) => s.draftLog);
  if (!log.length) return null;
  return (
    <details className="draft-history">
      <summary>Decision history ({log.length})</summary>
      <ol aria-label="Decision history">
        {[...log].reverse().map((e, i) => (
          <li key={e.id ?? `n${i}`} className={`log-${e.kind}`}>
            <time dateTime={e.at}>{TIME.format(new Date(e.at))}</time> · <span className="log-actor">{e.actor.name}</span> · {e.summary}
          </li>
        ))}
      </ol>
    </details>
  );
}
