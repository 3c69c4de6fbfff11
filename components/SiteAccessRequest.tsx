import type { ReadFailure } from '@/lib/messaging/protocol';
import { usePanel } from '@/lib/stores/use-panel';

/** Loupe has no permission for this site yet: one button asks the browser, on the person's click. */
export function SiteAccessRequest({ failure }: { failure: ReadFailure }) {
  const permission = usePanel((s) => s.permission);
  const allowSite = usePanel((s) => s.allowSite);
  const readAgain = usePanel((s) => s.readAgain);
  const site = failure.origin ? new URL(failure.origin).host : undefined;

  if (!failure.origin) {
    // Without a host permission the browser hides the tab's address, so there is no site to ask for:
    // the shortcut or toolbar button grants access to this one tab (activeTab) instead.
    return (
      <div className="state" role="alert">
        <p className="state-title">Loupe needs your permission to read this page</p>
        <p>
          The browser lets Loupe into a tab when you invite it: on the dashboard’s tab, press Alt+Shift+L
          (Loupe’s shortcut) or click the Loupe button in the toolbar, then press Read again.
        </p>
        <button type="button" className="button" onClick={() => void readAgain()}>Read again</button>
      </div>
    );
  }
  return (
    <div className="state" role="alert">
      <p className="state-title">Loupe needs your permission to read {site}</p>
      <p>Loupe reads the charts on this site in your browser; nothing is sent anywhere.</p>
      <button type="button" className="button primary" onClick={() => void allowSite()} aria-busy={permission === 'asking'}>
        Allow Loupe to read this site
      </button>
      {permission === 'refused' && (
        <p className="hint">
          Permission was not given, so Loupe cannot read {site}. Press the button again and choose Allow,
          or press Alt+Shift+L (Loupe's shortcut) on that tab to let Loupe read this page once, then Read again.
        </p>
      )}
    </div>
  );
}
