// Chart instances a framework holds. Bundled apps import their chart library as a module, so there is
// no `Chart` or `echarts` global to ask; the instance that drew a chart is still reachable through what
// React (fibers) or Vue (component state) keeps, the same paths the reader reads it by. Read only.
import { heldValues, nearestFiber } from '@/lib/snapshot/adapters/react/fiber';
import { get } from '@/lib/snapshot/adapters/react/safe';
import { componentValues, vueComponents } from '@/lib/snapshot/adapters/vue';

const MAX_FIBER_DEPTH = 40;

/** The first value a framework holds near `el` that `isIt` accepts: React fibers from `el` up, then
 *  every Vue component. `isIt` should check the instance drew `el` (its canvas or its dom). */
export function heldInstance(doc: Document, el: Element, isIt: (v: unknown) => boolean): unknown {
  let fiber = nearestFiber(el);
  for (let depth = 0; fiber && depth < MAX_FIBER_DEPTH; depth++, fiber = get(fiber, 'return')) {
    for (const v of heldValues(fiber)) if (isIt(v)) return v;
  }
  for (const inst of vueComponents(doc)) {
    for (const v of componentValues(inst)) if (isIt(v)) return v;
  }
  return undefined;
}
