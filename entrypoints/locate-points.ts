import { locatePoints } from '@/lib/actions/locate-points';

// Injected on demand into the MAIN world (where chart-library objects live). It installs the locator
// once under a symbol; the background then calls it with a small self-contained `func`, because
// executeScript serializes `func` and could not carry the imports along. The page can reach (and
// replace) what is installed here, so the background validates every answer.
const LOCATE_KEY = 'loupe.locatePoints';

export default defineUnlistedScript(() => {
  const key = Symbol.for(LOCATE_KEY);
  const scope = globalThis as unknown as Record<symbol, unknown>;
  if (typeof scope[key] !== 'function') {
    Object.defineProperty(scope, key, { value: locatePoints, configurable: true, enumerable: false, writable: false });
  }
  return true;
});
