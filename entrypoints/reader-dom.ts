import { readPage } from '@/lib/snapshot/page';
import { toWire } from '@/lib/snapshot/wire';

// Injected on demand into the ISOLATED world after reader-main: tables, SVG, KPI tiles, context.
export default defineUnlistedScript(async () => toWire(await readPage(window, document)));
