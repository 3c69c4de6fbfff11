import { usePanel } from '@/lib/stores/use-panel';
import { SettingsConnection } from './SettingsConnection';
import { SettingsPreview } from './SettingsPreview';
import { SettingsProvider } from './SettingsProvider';
import { SettingsRedaction } from './SettingsRedaction';

const SAVE_TEXT = {
  idle: '', saving: 'Saving…', saved: 'Saved.', invalid: 'Not saved: fix the fields marked above.',
  failed: 'Not saved: the browser could not store the settings. Try again.',
} as const;

/** The settings view: replaces the tabs while open; "Back" returns to them. */
export function Settings() {
  const draft = usePanel((s) => s.settingsDraft);
  const status = usePanel((s) => s.settingsSaveStatus);
  const problems = usePanel((s) => s.settingsProblems);
  const close = usePanel((s) => s.closeSettings);
  const save = usePanel((s) => s.saveSettings);
  if (!draft) return null;

  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="settings-head">
        <button type="button" className="button" onClick={close}>Back</button>
        <h2 id="settings-title">Settings</h2>
      </div>
      {problems.length > 0 && (
        <div role="alert" className="settings-problems">
          {problems.map((p) => <p key={p}>{p}</p>)}
        </div>
      )}
      <form noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <SettingsProvider draft={draft} />
        <SettingsRedaction draft={draft} />
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={status === 'saving'}>Save settings</button>
          <p role="status" className={`save-status ${status}`}>{SAVE_TEXT[status]}</p>
        </div>
      </form>
      <SettingsConnection />
      <SettingsPreview />
    </section>
  );
}
