import { useEffect } from 'react';
import type { PanelStore } from '@/lib/stores/panel-store';
import { PanelStoreProvider, usePanel } from '@/lib/stores/use-panel';
import { PanelHeader } from './PanelHeader';
import { PanelTabs } from './PanelTabs';
import { Settings } from './Settings';

/** The whole side panel. `tabId` pins it to one tab (tests open the panel as a page); without it the
 *  panel reads the active tab and follows the person's tab switches. */
export function Panel({ store, tabId }: { store: PanelStore; tabId?: number }) {
  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    void store.getState().start({ tabId }).then((s) => (gone ? s() : (stop = s)));
    return () => {
      gone = true;
      stop?.();
    };
  }, [store, tabId]);

  // Settings load apart from the page read: the header's provider label and Pause AI need them even
  // when nothing can be read, and they follow changes made in another panel.
  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    void store.getState().loadSettings().then((s) => (gone ? s() : (stop = s)));
    return () => {
      gone = true;
      stop?.();
    };
  }, [store]);

  return (
    <PanelStoreProvider store={store}>
      <div className="panel">
        <PanelHeader />
        <PanelBody />
      </div>
    </PanelStoreProvider>
  );
}

function PanelBody() {
  const settingsOpen = usePanel((s) => s.settingsOpen);
  return settingsOpen ? <Settings /> : <PanelTabs />;
}
