import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const canvas: Adapter = { id: 'canvas', world: 'isolated', detect: () => false, read: () => [] };
