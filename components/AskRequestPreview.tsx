import { useEffect, useState } from 'react';
import type { NextRequest } from '@/lib/stores/chat-slice';
import { usePanel } from '@/lib/stores/use-panel';

/** "Show what will be sent": the exact request for the question being typed, API key masked. Local
 *  first means the person can see what would leave the browser before it does. */
export function AskRequestPreview({ question }: { question: string }) {
  const describeNext = usePanel((s) => s.describeNext);
  const turns = usePanel((s) => s.turns.length);
  const snapshot = usePanel((s) => s.snapshot);
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<NextRequest | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let gone = false;
    describeNext(question).then((n) => { if (!gone) { setNext(n); setProblem(null); } })
      .catch((err: unknown) => { if (!gone) setProblem(err instanceof Error ? err.message : String(err)); });
    return () => { gone = true; };
  }, [open, question, turns, snapshot, describeNext]);

  const d = next?.description;
  const redacted = next ? next.redactions.emails + next.redactions.ids + next.redactions.names : 0;
  return (
    <details className="request-preview" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Show what will be sent</summary>
      {problem && <p className="hint">Loupe could not prepare the request: {problem}</p>}
      {d && (
        <div className="request-body">
          <p>Provider: <strong>{next.provider}</strong></p>
          {!d.sent ? <p>{d.note}</p> : (
            <>
              <p>{d.method} <code className="url">{d.url}</code></p>
              <ul className="headers" aria-label="Headers">
                {Object.entries(d.headers).map(([k, v]) => <li key={k}><code>{k}: {v}</code></li>)}
              </ul>
              {redacted > 0 && <p className="muted">{redacted} e-mail addresses, ids or names were replaced before sending.</p>}
              <pre className="request-json" tabIndex={0} aria-label="Request body">{JSON.stringify(d.body, null, 2)}</pre>
            </>
          )}
        </div>
      )}
    </details>
  );
}
