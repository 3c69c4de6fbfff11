import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const vega: Adapter = { id: 'vega', world: 'main', detect: () => false, read: () => [] };
