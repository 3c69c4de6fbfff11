import { readPage } from '@/lib/snapshot/page';

// Injected on demand into the ISOLATED world after reader-main: tables, SVG, KPI tiles, context.
export default defineUnlistedScript(() => readPage(window, document));
