import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const svg: Adapter = { id: 'svg', world: 'isolated', detect: () => false, read: () => [] };
