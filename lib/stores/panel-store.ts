import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PanelApi } from './panel-api';
import { createReadSlice, type ReadSlice } from './read-slice';
import { createTabSlice, type TabSlice } from './tab-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** The side panel's session state: which tab, what was read, what the person is looking at.
 *  Durable state (findings, decisions, notes) will live in Dexie, not here. */
export type PanelState = TabSlice & ReadSlice & UiSlice;
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(api: PanelApi): PanelStore {
  return createStore<PanelState>()((...a) => ({
    ...createTabSlice(api)(...a),
    ...createReadSlice(api)(...a),
    ...createUiSlice(api)(...a),
  }));
}
