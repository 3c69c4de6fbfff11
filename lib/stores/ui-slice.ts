import type { StateCreator } from 'zustand/vanilla';
import type { PanelApi } from './panel-api';
import type { PanelState } from './panel-store';

/** The panel's tabs, in the order ui.md gives them. */
export const VIEWS = ['findings', 'ask', 'drafts', 'log', 'notes'] as const;
export type View = (typeof VIEWS)[number];

/** Placeholder until providers exist: the offline engine is the only one. */
export const DEFAULT_PROVIDER_LABEL = 'Offline';

export interface HighlightState {
  chartId: string;
  status: 'showing' | 'shown' | 'failed';
  message?: string;
}

export interface UiSlice {
  view: View;
  providerLabel: string;
  highlight: HighlightState | null;
  setView(view: View): void;
  /** Scrolls the page to a chart and outlines it. */
  showChart(chartId: string, points?: Array<string | number>): Promise<void>;
}

export const createUiSlice = (api: PanelApi): StateCreator<PanelState, [], [], UiSlice> => (set, get) => ({
  view: 'findings',
  providerLabel: DEFAULT_PROVIDER_LABEL,
  highlight: null,
  setView: (view) => set({ view }),
  async showChart(chartId, points) {
    const tabId = get().tabId;
    if (tabId === null) return;
    set({ highlight: { chartId, status: 'showing' } });
    const result = await api.highlightChart(tabId, chartId, points);
    if (get().highlight?.chartId !== chartId || get().tabId !== tabId) return;
    set({ highlight: result.ok ? { chartId, status: 'shown' } : { chartId, status: 'failed', message: result.message } });
  },
});
