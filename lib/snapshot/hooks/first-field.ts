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
