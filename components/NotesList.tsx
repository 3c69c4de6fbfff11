import { useState } from 'react';
import { usePanel } from '@/lib/stores/use-panel';
import { NotesForm } from './NotesForm';

/** Institutional notes: what a person knows that the data does not say. */
export function NotesList() {
  const notes = usePanel((s) => s.notes);
  const removeNote = usePanel((s) => s.removeNote);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="notes-heading" className="notes-section">
      <h2 id="notes-heading" className="section-title">Notes</h2>
      {notes.length === 0 && editing === null && <p className="empty-state">No notes yet. Add what a newcomer should know about this dashboard.</p>}
      <ul aria-label="Notes" className="notes-list">
        {notes.map((n) => (
          <li key={n.uid}>
            {editing === n.id ? <NotesForm note={n} onDone={() => setEditing(null)} /> : (
              <>
                <p className="note-text">{n.text}{n.by && <span className="muted"> — {n.by}</span>}</p>
                <p className="muted note-scope">
                  {n.dashboard}{n.scope.chart && ` · chart ${n.scope.chart}`}{n.scope.series && ` · series ${n.scope.series}`}
                </p>
                <button type="button" className="link-button" onClick={() => setEditing(n.id ?? null)}>
                  Edit<span className="visually-hidden"> note: {n.text.slice(0, 60)}</span>
                </button>{' '}
                <button type="button" className="link-button" onClick={() => void removeNote(n.id!).then((r) => setError(r.ok ? null : r.error))}>
                  Delete<span className="visually-hidden"> note: {n.text.slice(0, 60)}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {error && <p className="hint" role="alert">Loupe could not delete the note: {error}</p>}
      {editing === 'new' ? <NotesForm onDone={() => setEditing(null)} />
        : <button type="button" className="button" onClick={() => setEditing('new')}>Add a note</button>}
    </section>
  );
}
