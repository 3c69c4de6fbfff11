import { appliedCount } from '@/lib/stores/drafts-slice';
import { usePanel } from '@/lib/stores/use-panel';

/** The header's kill switch: shown whenever a step is applied on this dashboard; undoes them all,
 *  newest first, and says what could not be undone. */
export function KillSwitch({ prominent = false }: { prominent?: boolean }) {
  const count = usePanel((s) => appliedCount(s.drafts));
  const killing = usePanel((s) => s.killing);
  const report = usePanel((s) => s.killReport);
  const undoAll = usePanel((s) => s.undoAll);
  return (
    <>
      {(count > 0 || killing) && (
        <button type="button" className={`button danger kill-switch${prominent ? ' prominent' : ''}`} disabled={killing} aria-busy={killing} onClick={() => void undoAll()}>
          Undo all applied steps ({count})
        </button>
      )}
      {report && !prominent && (
        <p className={report.ok ? 'kill-report ok' : 'kill-report failed'} role="status">
          {report.ok ? `Undid ${report.reverted.length} step${report.reverted.length === 1 ? '' : 's'}; the page shows the values before them.`
            : `Could not undo: ${report.failed.map((f) => `${f.step.label} (${f.message})`).join('; ')}. Undo ${report.failed.length === 1 ? 'it' : 'them'} by hand.`}
        </p>
      )}
    </>
  );
}
