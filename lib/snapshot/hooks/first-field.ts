// Bundled chart libraries keep no global registry, but their constructors assign a distinctive field
// first thing on each new instance. A setter for that one name on Object.prototype (installed at
// document_start, before the page's scripts run) sees that first assignment, defines the property on
// the instance exactly as a plain assignment would (own, writable, enumerable, configurable), and hands
// the instance to `onInstance` once the constructor has gone further (a microtask later).
// It stays off where the page froze Object.prototype or defines the name itself.

export function hookFirstField(win: Window & typeof globalThis, field: string, onInstance: (inst: object) => void): boolean {
  const proto = win.Object.prototype;
  if (Object.getOwnPropertyDescriptor(proto, field) || Object.isFrozen(proto)) return false;
  Object.defineProperty(proto, field, {
    configurable: true,
    enumerable: false,
    get: () => undefined,
    set(this: unknown, v: unknown) {
      if (this === null || (typeof this !== 'object' && typeof this !== 'function')) return;
      Object.defineProperty(this, field, { value: v, writable: true, enumerable: true, configurable: true });
      const self = this as object;
      win.queueMicrotask(() => onInstance(self));
    },
  });
  return true;
}

/** A hook's list, kept on the page's window under `key`; undefined until the hook is installed. */
export function readRegistry<T = object>(win: unknown, key: symbol): T[] | undefined {
  try {
    const reg = (win as Record<symbol, unknown>)[key];
    return Array.isArray(reg) ? (reg as T[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Installs, once, a list under `key` (non-writable, so the page cannot swap it) that `add` fills from
 * each instance hookFirstField sees assign `field`. `add` checks the instance's shape and pushes what
 * the adapter needs; an instance that throws while checked is not a chart. Returns the list.
 */
export function installRegistry<T = object>(
  win: Window & typeof globalThis, key: symbol, field: string, add: (inst: object, list: T[]) => void,
): T[] {
  const existing = readRegistry<T>(win, key);
  if (existing) return existing;
  const list: T[] = [];
  Object.defineProperty(win, key, { value: list, enumerable: false, configurable: false, writable: false });
  hookFirstField(win, field, (inst) => {
    try {
      add(inst, list);
    } catch {
      /* an odd object: not a chart */
    }
  });
  return list;
}

/** Appends, keeping the newest `max`: pages that rebuild their charts on every filter change. */
export function pushBounded<T>(list: T[], item: T, max = 256): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
