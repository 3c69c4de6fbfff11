import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const uplot: Adapter = { id: 'uplot', world: 'main', detect: () => false, read: () => [] };
