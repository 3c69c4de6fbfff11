import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const table: Adapter = { id: 'table', world: 'isolated', detect: () => false, read: () => [] };
