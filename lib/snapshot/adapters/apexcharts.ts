import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const apexcharts: Adapter = { id: 'apexcharts', world: 'main', detect: () => false, read: () => [] };
