import type { ChatEvidence } from '@/lib/db/chats';
import type { ChatTurn } from '@/lib/stores/chat-slice';
import { AnswerText } from './AnswerText';

const STATUS_LABEL: Record<ChatTurn['status'], string> = {
  streaming: 'Answering…',
  done: '',
  incomplete: 'Incomplete answer',
  stopped: 'Stopped — partial answer',
  error: 'No answer',
};

/** One question and its answer, with what the person can do about it (Stop, Retry). */
export function AnswerMessage({ turn, pageOrigin, busy, onStop, onRetry, onCite }: {
  turn: ChatTurn;
  pageOrigin?: string;
  /** Another answer is in progress: Retry waits for it. */
  busy: boolean;
  onStop: () => void;
  onRetry: () => void;
  onCite: (item: ChatEvidence) => void;
}) {
  const streaming = turn.status === 'streaming';
  const label = STATUS_LABEL[turn.status];
  const canRetry = !streaming && turn.status !== 'done';
  const told = turn.evidence.filter((e) => e.id.startsWith('N'));
  return (
    <li className="turn" data-status={turn.status}>
      <p className="question"><span className="visually-hidden">You asked: </span>{turn.question}</p>
      <article className="answer" aria-label={`Answer to: ${turn.question}`} aria-busy={streaming}>
        <p className="answer-meta muted">{turn.provider}{label && <> · <span className="turn-status">{label}</span></>}</p>
        {turn.answer
          ? <AnswerText text={turn.answer} marks={streaming ? [] : turn.marks} evidence={turn.evidence} pageOrigin={pageOrigin} onCite={onCite} />
          : streaming && !turn.waiting && <p className="muted"><span className="spinner" aria-hidden="true" />Waiting for the model…</p>}
        {turn.waiting && <p className="waiting" role="status">{turn.waiting}</p>}
        {!streaming && told.length > 0 && (
          <ul className="you-told-us" aria-label="What you told Loupe that this answer used">
            {told.map((n) => <li key={n.id}><span className="cite-id">[{n.id}]</span> {n.claim}</li>)}
          </ul>
        )}
        {!streaming && turn.retries.length > 0 && (
          <p className="muted retries">Loupe waited for the provider first: {turn.retries.join(' ')}</p>
        )}
        {!streaming && turn.unsupported > 0 && (
          <p className="verify-note">
            {turn.unsupported === 1 ? '1 number was' : `${turn.unsupported} numbers were`} not found in the dashboard; {turn.unsupported === 1 ? 'it is' : 'they are'} underlined.
          </p>
        )}
        {turn.error && !streaming && <p className="turn-error" role={turn.status === 'error' ? 'alert' : undefined}>{turn.error}</p>}
        <div className="turn-actions">
          {streaming && <button type="button" className="button" onClick={onStop}>Stop</button>}
          {canRetry && turn.retryable !== false && (
            <button type="button" className="button" onClick={onRetry} disabled={busy}
              aria-label={`Retry: ${turn.question}`}>Retry</button>
          )}
        </div>
      </article>
    </li>
  );
}
