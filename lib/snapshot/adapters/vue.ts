import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const vue: Adapter = { id: 'vue', world: 'main', detect: () => false, read: () => [] };
