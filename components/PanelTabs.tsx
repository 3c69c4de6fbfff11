import { useRef, type KeyboardEvent } from 'react';
import { VIEWS, type View } from '@/lib/stores/ui-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { AskView } from './AskView';
import { DraftsView } from './DraftsView';
import { FindingsView } from './FindingsView';
import { LogView } from './LogView';
import { NotesView } from './NotesView';

const LABELS: Record<View, string> = {
  findings: 'Findings', ask: 'Ask', drafts: 'Drafts', log: 'Log', notes: 'Notes & rules',
};

/** The panel's tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between them). */
export function PanelTabs() {
  const view = usePanel((s) => s.view);
  const setView = usePanel((s) => s.setView);
  const refs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = VIEWS.indexOf(view);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: VIEWS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = VIEWS[(moves[event.key] + VIEWS.length) % VIEWS.length];
    setView(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label="Loupe" className="tablist" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" id={`tab-${v}`} aria-controls={`view-${v}`}
            aria-selected={v === view} tabIndex={v === view ? 0 : -1}
            ref={(el) => { refs.current[v] = el; }} onClick={() => setView(v)} className="tab">
            {LABELS[v]}
          </button>
        ))}
      </div>
      {VIEWS.map((v) => (
        <div key={v} role="tabpanel" id={`view-${v}`} aria-labelledby={`tab-${v}`} hidden={v !== view} className="view" tabIndex={0}>
          {v === view && (v === 'findings' ? <FindingsView /> : v === 'ask' ? <AskView /> : v === 'drafts' ? <DraftsView /> : v === 'log' ? <LogView /> : <NotesView />)}
        </div>
      ))}
    </div>
  );
}
