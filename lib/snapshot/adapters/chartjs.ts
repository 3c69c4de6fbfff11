import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const chartjs: Adapter = { id: 'chartjs', world: 'main', detect: () => false, read: () => [] };
