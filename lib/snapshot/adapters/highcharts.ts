import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const highcharts: Adapter = { id: 'highcharts', world: 'main', detect: () => false, read: () => [] };
