import type { ReadFailure } from '@/lib/messaging/protocol';
import { usePanel } from '@/lib/stores/use-panel';

const TITLES: Record<Exclude<ReadFailure['reason'], 'no-access'>, string> = {
  restricted: 'Loupe cannot read this page',
  gone: 'The page went away',
  error: 'Something went wrong while reading',
};

/** A read that failed for a reason other than site access, with what to do next. */
export function ReadProblem({ failure }: { failure: ReadFailure & { reason: Exclude<ReadFailure['reason'], 'no-access'> } }) {
  const readAgain = usePanel((s) => s.readAgain);
  const pinned = usePanel((s) => s.pinned);
  return (
    <div className="state" role="alert">
      <p className="state-title">{TITLES[failure.reason]}</p>
      <p>{failure.message}</p>
      {failure.reason === 'restricted'
        ? <p>{pinned ? 'Open Loupe from a dashboard’s tab.' : 'Switch to a dashboard tab: Loupe follows the tab you are on.'}</p>
        : (
          <button type="button" className="button" onClick={() => void readAgain()}>
            {failure.reason === 'error' ? 'Try again' : 'Read again'}
          </button>
        )}
    </div>
  );
}
