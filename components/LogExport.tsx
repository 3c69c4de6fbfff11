import { useState } from 'react';
import type { ExportFormat } from '@/lib/stores/log-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { downloadText } from './ExportDownload';

const FORMATS: Array<{ format: ExportFormat; label: string; images: boolean }> = [
  { format: 'markdown', label: 'Markdown', images: true },
  { format: 'html', label: 'HTML', images: true },
  { format: 'json', label: 'JSON', images: true },
  { format: 'csv', label: 'CSV (evidence)', images: false },
];

/** The reviewer export of this board and range: a download per format, or Markdown to the clipboard. */
export function LogExport() {
  const buildReport = usePanel((s) => s.buildReport);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  /** `label` names the work while it runs ("Preparing HTML…"), `done` is said when it is done. */
  const run = async (label: string, done: string, go: () => Promise<string[]>): Promise<void> => {
    setBusy(label);
    setStatus(null);
    try {
      const warnings = await go();
      // A report without its chart images is still a report, but the person should know before sending it.
      const note = warnings.find((w) => /chart images|No image/i.test(w));
      setStatus({ ok: true, text: `${done}${note ? ` ${note}` : ''}` });
    } catch (err) {
      setStatus({ ok: false, text: `Loupe could not build the export: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="export-heading" className="log-export">
      <h2 id="export-heading" className="section-title">Export</h2>
      <div className="form-buttons" role="group" aria-label="Export">
        {FORMATS.map(({ format, label, images }) => (
          <button key={format} type="button" className="button" disabled={busy !== null}
            onClick={() => void run(label, `${label} ready.`, async () => {
              const file = await buildReport(format, { images });
              downloadText(file.fileName, file.mime, file.text);
              return file.warnings;
            })}>
            Download {label}
          </button>
        ))}
        <button type="button" className="button" disabled={busy !== null}
          onClick={() => void run('Markdown for the clipboard', 'Markdown copied.', async () => {
            const file = await buildReport('markdown');
            await navigator.clipboard.writeText(file.text);
            return [];
          })}>
          Copy as Markdown
        </button>
      </div>
      {busy && <p className="muted" role="status">Preparing {busy}…{FORMATS.some((f) => f.label === busy && f.images) ? ' capturing the charts from the page' : ''}</p>}
      {status && <p className={status.ok ? 'muted export-status' : 'hint'} role={status.ok ? 'status' : 'alert'}>{status.text}</p>}
    </section>
  );
}
