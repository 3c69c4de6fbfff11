import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const d3: Adapter = { id: 'd3', world: 'main', detect: () => false, read: () => [] };
