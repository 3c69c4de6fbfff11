// React fiber access. React keeps the fiber of every host element it rendered under an own key
// `__reactFiber$<random>` (React 17+; `__reactInternalInstance$` before), in development and
// production builds alike, so bundled apps with no chart globals still expose component props,
// class instances (stateNode) and hook state (memoizedState list) to a MAIN-world script.
import { get, isElement, isFn, isObj, keyWithPrefix, fieldValues } from './safe';

const FIBER_PREFIXES = ['__reactFiber$', '__reactInternalInstance$'];

export function fiberOf(el: Element): unknown {
  for (const p of FIBER_PREFIXES) {
    const k = keyWithPrefix(el, p);
    if (k) return get(el, k);
  }
  return undefined;
}

/** The fiber of `el` or of its nearest rendered ancestor (charts draw their own canvas/svg inside
 *  a React-rendered div), at most `maxDom` levels up. */
export function nearestFiber(el: Element, maxDom = 6): unknown {
  let node: Element | null = el;
  for (let i = 0; node && i <= maxDom; i++, node = node.parentElement) {
    const f = fiberOf(node);
    if (f) return f;
  }
  return undefined;
}

/** Whether the page uses React at all: a root container or a rendered element carries a key. */
export function hasReact(doc: Document): boolean {
  const probe = [doc.body, doc.body?.firstElementChild, doc.querySelector('#root, #app, [data-reactroot]'),
    doc.querySelector('canvas, svg, .recharts-wrapper, [_echarts_instance_]')];
  for (const el of probe) {
    if (!el) continue;
    if (keyWithPrefix(el, '__reactContainer$') || fiberOf(el)) return true;
    const child = el.firstElementChild;
    if (child && (keyWithPrefix(child, '__reactContainer$') || fiberOf(child))) return true;
  }
  return false;
}

/** Objects a component holds that may be chart instances: its ref, a class instance's fields and
 *  state, and hook state (useRef currents, useState values). Read only, bounded. */
export function heldValues(fiber: unknown): unknown[] {
  const out: unknown[] = [];
  const ref = get(fiber, 'ref');
  if (isObj(ref) && !isFn(ref)) out.push(get(ref, 'current'));
  const sn = get(fiber, 'stateNode');
  if (isObj(sn) && !isElement(sn) && get(sn, 'nodeType') === undefined && get(sn, 'containerInfo') === undefined) {
    out.push(sn);
    // echarts-for-react's class component: the instance is one getter away (getInstanceByDom).
    if (isFn(get(sn, 'getEchartsInstance'))) {
      try { out.push((get(sn, 'getEchartsInstance') as () => unknown).call(sn)); } catch { /* page code threw */ }
    }
    out.push(...fieldValues(sn, 40), ...fieldValues(get(sn, 'state'), 40));
  }
  let hook = get(fiber, 'memoizedState');
  if (isObj(hook) && 'next' in hook) {
    for (let i = 0; i < 60 && isObj(hook); i++, hook = get(hook, 'next')) {
      const ms = get(hook, 'memoizedState');
      if (isObj(ms) && 'current' in ms) out.push(get(ms, 'current'));
      else out.push(ms);
    }
  }
  return out;
}

export function typeName(type: unknown): string {
  if (typeof type === 'string') return type;
  const own = get(type, 'displayName') ?? get(type, 'name');
  if (typeof own === 'string' && own) return own;
  // memo / forwardRef wrappers
  const inner = get(type, 'type') ?? get(type, 'render');
  const n = get(inner, 'displayName') ?? get(inner, 'name');
  return typeof n === 'string' ? n : '';
}
