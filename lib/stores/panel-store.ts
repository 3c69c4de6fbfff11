import { createStore, type StoreApi } from 'zustand/vanilla';
import { createFindingsSlice, type FindingsDeps, type FindingsSlice } from './findings-slice';
import type { PanelApi } from './panel-api';
import { createReadSlice, type ReadSlice } from './read-slice';
import { createTabSlice, type TabSlice } from './tab-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** The side panel's session state: which tab, what was read, what the person is looking at.
 *  Durable state (triage, decisions, notes) lives in Dexie; slices keep what is on screen. */
export type PanelState = TabSlice & ReadSlice & UiSlice & FindingsSlice;
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(api: PanelApi, deps: FindingsDeps = {}): PanelStore {
  const store = createStore<PanelState>()((...a) => ({
    ...createTabSlice(api)(...a),
    ...createReadSlice(api)(...a),
    ...createUiSlice(api)(...a),
    ...createFindingsSlice(deps)(...a),
  }));
  // Findings follow every new snapshot (a read, a read again, a tab switch that drops it).
  store.subscribe((state, prev) => {
    if (state.snapshot !== prev.snapshot) void state.analyze(state.snapshot);
  });
  return store;
}
