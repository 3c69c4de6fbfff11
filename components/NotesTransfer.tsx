import { useId, useState, type ChangeEvent } from 'react';
import type { ImportItem } from '@/lib/learning';
import { usePanel } from '@/lib/stores/use-panel';
import { downloadText } from './ExportDownload';

function itemLine(i: ImportItem): string {
  return i.type === 'note' ? `Note: ${i.incoming.text.slice(0, 120)}` : `Rule: ${i.incoming.name}`;
}

/** Notes and rules as one JSON file to share with a team; an import says what it will do first. */
export function NotesTransfer() {
  const exportNotesFile = usePanel((s) => s.exportNotesFile);
  const preview = usePanel((s) => s.previewNotesImport);
  const pending = usePanel((s) => s.pendingImport);
  const apply = usePanel((s) => s.applyNotesImport);
  const cancel = usePanel((s) => s.cancelNotesImport);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const fileId = useId();

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setStatus(null);
    preview(file.name, await file.text());
  };
  const onApply = async (): Promise<void> => {
    const r = await apply();
    setStatus(r.ok ? { ok: true, text: 'Imported.' } : { ok: false, text: `Nothing was imported: ${r.error}` });
  };
  const p = pending?.preview;

  return (
    <section aria-labelledby="transfer-heading" className="transfer-section">
      <h2 id="transfer-heading" className="section-title">Share notes and rules</h2>
      <div className="form-buttons">
        <button type="button" className="button"
          onClick={() => downloadText(`loupe-notes-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', exportNotesFile())}>
          Export notes and rules
        </button>
        <label htmlFor={fileId} className="button">Import notes and rules…</label>
        <input id={fileId} type="file" accept="application/json,.json" className="visually-hidden" onChange={(e) => void onFile(e)} />
      </div>
      {p && p.errors.length > 0 && (
        <div role="alert" className="hint import-errors">
          <p>{pending.fileName} was not imported; nothing changed:</p>
          <ul>{p.errors.map((e) => <li key={e}>{e}</li>)}</ul>
          <button type="button" className="link-button" onClick={cancel}>Dismiss</button>
        </div>
      )}
      {p && p.errors.length === 0 && (
        <div className="import-preview" role="region" aria-label="Import preview">
          <p>{pending.fileName}: adds {p.add.length}, replaces {p.replace.length}, already here {p.unchanged.length}.</p>
          {p.add.length > 0 && <><h3>Will add</h3><ul>{p.add.map((i) => <li key={itemLine(i)}>{itemLine(i)}</li>)}</ul></>}
          {p.replace.length > 0 && <><h3>Will replace</h3><ul>{p.replace.map((i) => <li key={itemLine(i)}>{itemLine(i)}</li>)}</ul></>}
          <div className="form-buttons">
            <button type="button" className="button primary" disabled={p.add.length + p.replace.length === 0} onClick={() => void onApply()}>Import</button>
            <button type="button" className="link-button" onClick={cancel}>Cancel</button>
          </div>
        </div>
      )}
      {status && <p className={status.ok ? 'muted' : 'hint'} role={status.ok ? 'status' : 'alert'}>{status.text}</p>}
    </section>
  );
}
