import { createStore, type StoreApi } from 'zustand/vanilla';
import { createFindingsSlice, type FindingsDeps, type FindingsSlice } from './findings-slice';
import { createDraftsSlice, type DraftsDeps, type DraftsSlice } from './drafts-slice';
import { createChatSlice, type ChatDeps, type ChatSlice } from './chat-slice';
import type { PanelApi } from './panel-api';
import { createReadSlice, type ReadSlice } from './read-slice';
import { createSettingsSlice, storageSettingsApi, type SettingsSlice } from './settings-slice';
import { createTabSlice, type TabSlice } from './tab-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createLogSlice, type LogSlice } from './log-slice';
import { createNotesSlice, type NotesSlice } from './notes-slice';

/** The side panel's session state: which tab, what was read, what the person is looking at.
 *  Durable state (triage, decisions, notes) lives in Dexie; slices keep what is on screen. */
export type PanelState = TabSlice & ReadSlice & UiSlice & FindingsSlice & SettingsSlice & ChatSlice & DraftsSlice
  & NotesSlice & LogSlice;
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(api: PanelApi, deps: FindingsDeps & ChatDeps & DraftsDeps = {}): PanelStore {
  const store = createStore<PanelState>()((...a) => ({
    ...createTabSlice(api)(...a),
    ...createReadSlice(api)(...a),
    ...createUiSlice(api)(...a),
    ...createSettingsSlice(api.settings ?? storageSettingsApi())(...a),
    ...createFindingsSlice(deps)(...a),
    // The chat reads settings where the settings view saves them (a fake in tests).
    ...createChatSlice({ loadSettings: api.settings ? () => api.settings!.load() : undefined, ...deps })(...a),
    ...createNotesSlice(deps)(...a),
    ...createLogSlice(api, deps)(...a),
    ...createDraftsSlice(api, deps)(...a),
  }));
  // Findings follow every new snapshot (a read, a read again, a tab switch that drops it).
  store.subscribe((state, prev) => {
    if (state.snapshot !== prev.snapshot) void state.analyze(state.snapshot);
    // Proposals follow triage once it has loaded (a finding marked real gets them), so the drafts'
    // Dexie work never races the triage read; the watched metrics follow each read.
    if ((state.triage !== prev.triage && state.triageLoad === 'ready') || (state.board !== prev.board && !state.board)) void state.loadDrafts();
    if (state.snapshot !== prev.snapshot && state.snapshot) void state.checkGuards(state.snapshot);
  });
  return store;
}
