import { clearHighlight, highlightChart } from '@/lib/actions/highlight';

// Injected on demand into the ISOLATED world (invisible to the page's scripts). It installs the
// highlight functions once; the background then calls them with a small self-contained `func`, because
// executeScript serializes `func` and could not carry the imports along.
export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & { __loupeHighlight?: unknown };
  scope.__loupeHighlight ??= { highlightChart, clearHighlight };
  return true;
});
