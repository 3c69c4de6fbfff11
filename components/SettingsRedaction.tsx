import type { SettingsDraft } from '@/lib/stores/settings-slice';
import { usePanel } from '@/lib/stores/use-panel';
import { SettingsField } from './SettingsField';

/** What is hidden before anything is sent to a model, and how answers are worded. */
export function SettingsRedaction({ draft }: { draft: SettingsDraft }) {
  const errors = usePanel((s) => s.settingsErrors);
  const edit = usePanel((s) => s.editDraft);
  return (
    <fieldset className="settings-group">
      <legend>Privacy and answers</legend>
      <label className="settings-check">
        <input type="checkbox" checked={draft.redact} onChange={(e) => edit({ redact: e.target.checked })} />
        Hide personal data before sending (redaction)
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={draft.emails} disabled={!draft.redact} onChange={(e) => edit({ emails: e.target.checked })} />
        Hide email addresses
      </label>
      <SettingsField label="User id patterns" error={errors.idPatterns} hint="Regular expressions, one a line, matched as whole words.">
        {(p) => <textarea {...p} rows={3} spellCheck={false} disabled={!draft.redact} value={draft.idPatterns}
          onChange={(e) => edit({ idPatterns: e.target.value })} />}
      </SettingsField>
      <SettingsField label="Names to hide" error={errors.names} hint="People or customers, one a line.">
        {(p) => <textarea {...p} rows={2} disabled={!draft.redact} value={draft.names} onChange={(e) => edit({ names: e.target.value })} />}
      </SettingsField>
      <label className="settings-check">
        <input type="checkbox" checked={draft.plainLanguage} onChange={(e) => edit({ plainLanguage: e.target.checked })} />
        Answer in plain language (no jargon)
      </label>
    </fieldset>
  );
}
