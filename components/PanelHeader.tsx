import { usePanel } from '@/lib/stores/use-panel';
import { KillSwitch } from './KillSwitch';
import { contextLine, plural, toolName } from './format';
import { PageText } from './PageText';
import { PauseAiSwitch } from './PauseAiSwitch';
import { ProviderBadge } from './ProviderBadge';
import { ReadTime } from './ReadTime';

/** Always visible: which dashboard is read, when, its analysis context, and the provider in use. */
export function PanelHeader() {
  const snapshot = usePanel((s) => s.snapshot);
  const status = usePanel((s) => s.status);
  const tabId = usePanel((s) => s.tabId);
  const settingsOpen = usePanel((s) => s.settingsOpen);
  const openSettings = usePanel((s) => s.openSettings);
  const closeSettings = usePanel((s) => s.closeSettings);
  const readAgain = usePanel((s) => s.readAgain);
  const named = toolName(snapshot?.tool);
  // The page's own title often names the tool already ("Growth insights - Mixpanel"): say it once.
  const tool = named && !snapshot?.title.toLowerCase().includes(named.toLowerCase()) ? named : undefined;
  const context = contextLine(snapshot?.context);

  return (
    <header className="panel-header">
      <div className="header-row">
        <div className="dashboard">
          <h1 className="dashboard-title">
            {snapshot ? <PageText text={snapshot.title || snapshot.url} /> : 'Loupe'}
            {tool && <span className="tool"> · {tool}</span>}
          </h1>
          <p className="read-line">
            {status === 'loading' ? 'Reading charts…'
              : snapshot ? <><ReadTime readAt={snapshot.readAt} /> · {plural(snapshot.charts.length, 'chart')} · {plural(snapshot.metrics.length, 'tile')}</>
              : 'Not read yet'}
          </p>
        </div>
        <button type="button" className="button" onClick={() => void readAgain()} disabled={tabId === null} aria-busy={status === 'loading'}>
          Read again
        </button>
        <button type="button" className="button icon" aria-label="Settings" aria-pressed={settingsOpen}
          onClick={settingsOpen ? closeSettings : openSettings} title="Settings">
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
      {context && (
        <p className="context-line">
          <span className="visually-hidden">Analysis context, as shown on the page: </span>
          <PageText text={context} />
        </p>
      )}
      <div className="provider-row">
        <ProviderBadge />
        <PauseAiSwitch />
      </div>
      <div className="kill-row">
        <KillSwitch />
      </div>
    </header>
  );
}
