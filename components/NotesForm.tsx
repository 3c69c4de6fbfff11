import { useId, useState, type FormEvent } from 'react';
import type { NoteInput, NoteRow } from '@/lib/db/notes';
import { dashboardKey } from '@/lib/db/schema';
import { usePanel } from '@/lib/stores/use-panel';

interface Props { note?: NoteRow; onDone(): void }

/** Add or edit one note: the text, the dashboard URL pattern (this board's URL by default), and an
 *  optional chart and series it is about. */
export function NotesForm({ note, onDone }: Props) {
  const snapshot = usePanel((s) => s.snapshot);
  const saveNote = usePanel((s) => s.saveNote);
  const [text, setText] = useState(note?.text ?? '');
  const [dashboard, setDashboard] = useState(note?.dashboard ?? (snapshot ? dashboardKey(snapshot.url) : '*'));
  const [chart, setChart] = useState(note?.scope.chart ?? '');
  const [series, setSeries] = useState(note?.scope.series ?? '');
  const [by, setBy] = useState(note?.by ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) { setError('A note needs some text.'); return; }
    const input: NoteInput = {
      text, dashboard: dashboard.trim() || '*',
      scope: { ...(chart.trim() ? { chart: chart.trim() } : {}), ...(series.trim() ? { series: series.trim() } : {}) },
      ...(by.trim() ? { by: by.trim() } : {}),
    };
    const r = await saveNote(input, note?.id);
    if (r.ok) onDone(); else setError(`Loupe could not save the note: ${r.error}`);
  };

  return (
    <form className="notes-form" aria-label={note ? 'Edit note' : 'Add a note'} onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-text`}>Note</label>
      <textarea id={`${id}-text`} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)}
        placeholder="e.g. The Oct 10 drop is the new onboarding flow" />
      <label htmlFor={`${id}-dash`}>Dashboard URL pattern <span className="muted">(* matches anything)</span></label>
      <input id={`${id}-dash`} value={dashboard} maxLength={2000} onChange={(e) => setDashboard(e.target.value)} />
      <label htmlFor={`${id}-chart`}>Chart <span className="muted">(optional)</span></label>
      <select id={`${id}-chart`} value={chart} onChange={(e) => setChart(e.target.value)}>
        <option value="">Whole dashboard</option>
        {chart && !snapshot?.charts.some((c) => c.id === chart) && <option value={chart}>{chart}</option>}
        {snapshot?.charts.map((c) => <option key={c.id} value={c.id}>{c.title || c.id}</option>)}
      </select>
      <label htmlFor={`${id}-series`}>Series <span className="muted">(optional)</span></label>
      <input id={`${id}-series`} value={series} maxLength={300} onChange={(e) => setSeries(e.target.value)} />
      <label htmlFor={`${id}-by`}>Written by <span className="muted">(optional)</span></label>
      <input id={`${id}-by`} value={by} maxLength={120} onChange={(e) => setBy(e.target.value)} placeholder="e.g. Maya (PM)" />
      {error && <p className="hint" role="alert">{error}</p>}
      <div className="form-buttons">
        <button type="submit" className="button primary">{note ? 'Save note' : 'Add note'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
