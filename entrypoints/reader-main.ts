import { adapters } from '@/lib/snapshot/adapters';
import { runWorld } from '@/lib/snapshot/run';
import { toWire } from '@/lib/snapshot/wire';

// Injected on demand into the MAIN world, where chart-library objects live. Its result is
// page-controlled: the background validates it with the snapshot schema.
export default defineUnlistedScript(async () => toWire(await runWorld('main', window, document, adapters, { reset: true })));
