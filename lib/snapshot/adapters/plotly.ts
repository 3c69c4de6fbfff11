import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const plotly: Adapter = { id: 'plotly', world: 'main', detect: () => false, read: () => [] };
