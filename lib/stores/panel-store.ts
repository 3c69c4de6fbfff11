import { createStore, type StoreApi } from 'zustand/vanilla';
import { createFindingsSlice, type FindingsDeps, type FindingsSlice } from './findings-slice';
import { createChatSlice, type ChatDeps, type ChatSlice } from './chat-slice';
import type { PanelApi } from './panel-api';
import { createReadSlice, type ReadSlice } from './read-slice';
import { createSettingsSlice, storageSettingsApi, type SettingsSlice } from './settings-slice';
import { createTabSlice, type TabSlice } from './tab-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** The side panel's session state: which tab, what was read, what the person is looking at.
 *  Durable state (triage, decisions, notes) lives in Dexie; slices keep what is on screen. */
export type PanelState = TabSlice & ReadSlice & UiSlice & FindingsSlice & SettingsSlice & ChatSlice;
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(api: PanelApi, deps: FindingsDeps & ChatDeps = {}): PanelStore {
  const store = createStore<PanelState>()((...a) => ({
    ...createTabSlice(api)(...a),
    ...createReadSlice(api)(...a),
    ...createUiSlice(api)(...a),
    ...createSettingsSlice(api.settings ?? storageSettingsApi())(...a),
    ...createFindingsSlice(deps)(...a),
    // The chat reads settings where the settings view saves them (a fake in tests).
    ...createChatSlice({ loadSettings: api.settings ? () => api.settings!.load() : undefined, ...deps })(...a),
  }));
  // Findings follow every new snapshot (a read, a read again, a tab switch that drops it).
  store.subscribe((state, prev) => {
    if (state.snapshot !== prev.snapshot) void state.analyze(state.snapshot);
  });
  return store;
}
