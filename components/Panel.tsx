import { useEffect } from 'react';
import type { PanelStore } from '@/lib/stores/panel-store';
import { PanelStoreProvider } from '@/lib/stores/use-panel';
import { PanelHeader } from './PanelHeader';
import { PanelTabs } from './PanelTabs';

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

  return (
    <PanelStoreProvider store={store}>
      <div className="panel">
        <PanelHeader />
        <PanelTabs />
      </div>
    </PanelStoreProvider>
  );
}
