import { adapters } from '@/lib/snapshot/adapters';
import { runWorld } from '@/lib/snapshot/run';

// Injected on demand into the MAIN world, where chart-library objects live. Its result is
// page-controlled: the background validates it with the snapshot schema.
export default defineUnlistedScript(() => runWorld('main', window, document, adapters, { reset: true }));
