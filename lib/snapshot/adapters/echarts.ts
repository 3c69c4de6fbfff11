import type { Adapter } from '../adapter';

// Placeholder until this adapter is written: finds nothing.
export const echarts: Adapter = { id: 'echarts', world: 'main', detect: () => false, read: () => [] };
