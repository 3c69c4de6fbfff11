import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const react: Adapter = { id: 'react', world: 'main', detect: () => false, read: () => [] };
