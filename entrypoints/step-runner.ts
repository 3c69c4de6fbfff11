import '@/lib/no-eval';
import { stepRunner } from '@/lib/actions/steps/runner';

// Injected on demand into the ISOLATED world (invisible to the page's scripts). It installs the page
// step functions once; the background then calls them with a small self-contained `func` for one
// step's own message, because executeScript serializes `func` and cannot carry imports along.
export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & { __loupeSteps?: unknown };
  scope.__loupeSteps ??= stepRunner;
  return true;
});
