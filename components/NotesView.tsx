import { useEffect } from 'react';
import { usePanel } from '@/lib/stores/use-panel';
import { LearnedList } from './LearnedList';
import { NotesList } from './NotesList';
import { NotesTransfer } from './NotesTransfer';
import { RulesEditor } from './RulesEditor';

/** The Notes & rules tab (level 4): notes, escalation rules, what Loupe has learned, sharing. */
export function NotesView() {
  const load = usePanel((s) => s.loadNotes);
  const state = usePanel((s) => s.notesLoad);
  const error = usePanel((s) => s.notesError);
  useEffect(() => { void load(); }, [load]);
  if (state === 'failed') return <p className="hint" role="alert">{error} Reopen the panel to try again.</p>;
  if (state !== 'ready') return <p className="muted" role="status">Loading notes and rules…</p>;
  return (
    <>
      <NotesList />
      <RulesEditor />
      <LearnedList />
      <NotesTransfer />
    </>
  );
}
