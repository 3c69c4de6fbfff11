import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PanelState, PanelStore } from './panel-store';

const PanelStoreContext = createContext<PanelStore | null>(null);

/** Gives components the panel store; tests pass a store built on a fake PanelApi. */
export function PanelStoreProvider({ store, children }: { store: PanelStore; children?: ReactNode }) {
  return createElement(PanelStoreContext.Provider, { value: store }, children);
}

/** Selects from the panel store. Select single values: a new object per call would re-render forever. */
export function usePanel<T>(selector: (state: PanelState) => T): T {
  const store = useContext(PanelStoreContext);
  if (!store) throw new Error('usePanel needs a PanelStoreProvider above it.');
  return useStore(store, selector);
}
