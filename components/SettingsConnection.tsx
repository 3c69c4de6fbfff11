import { usePanel } from '@/lib/stores/use-panel';

/** "Test connection" on the settings as typed: lists the server's models with the key. */
export function SettingsConnection() {
  const test = usePanel((s) => s.connectionTest);
  const run = usePanel((s) => s.testDraftConnection);
  const testing = test.status === 'testing';
  return (
    <div className="settings-connection">
      <button type="button" className="button" onClick={() => void run()} disabled={testing} aria-busy={testing}>
        Test connection
      </button>
      <p role="status" className={`connection-result${test.result ? (test.result.ok ? ' ok' : ' failed') : ''}`}>
        {testing ? 'Testing…' : test.result?.message ?? ''}
      </p>
    </div>
  );
}
