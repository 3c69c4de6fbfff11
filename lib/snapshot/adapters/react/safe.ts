// Defensive access to page objects. Everything a MAIN-world adapter touches belongs to the page:
// getters may throw, proxies may trap, and a hostile page may hand back anything. These helpers
// turn every failure into `undefined` so one odd object never breaks a read.

export type Obj = Record<string | symbol, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && (typeof v === 'object' || typeof v === 'function');
}

export function get(o: unknown, key: string | symbol | number): unknown {
  if (!isObj(o)) return undefined;
  try {
    return o[key as string | symbol];
  } catch {
    return undefined;
  }
}

/** get(o, 'a', 'b') → o.a.b, undefined on any failure. */
export function path(o: unknown, ...keys: (string | symbol | number)[]): unknown {
  let v = o;
  for (const k of keys) {
    v = get(v, k);
    if (v === undefined) return undefined;
  }
  return v;
}

export function isArr(v: unknown): v is unknown[] {
  try {
    return Array.isArray(v);
  } catch {
    return false; // a revoked proxy throws here
  }
}

export function arr(v: unknown): unknown[] | null {
  return isArr(v) ? v : null;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

export function isFn(v: unknown): v is (...args: unknown[]) => unknown {
  return typeof v === 'function';
}

/** Own enumerable string keys, at most `max`, [] when the object refuses. */
export function keys(o: unknown, max = 200): string[] {
  if (!isObj(o)) return [];
  try {
    const k = Object.keys(o);
    return k.length > max ? k.slice(0, max) : k;
  } catch {
    return [];
  }
}

/** The first own key starting with `prefix` (React's `__reactFiber$<random>` keys). */
export function keyWithPrefix(o: unknown, prefix: string): string | undefined {
  if (!isObj(o)) return undefined;
  try {
    for (const k in o) if (k.startsWith(prefix)) return k;
  } catch {
    /* refuses enumeration */
  }
  return undefined;
}

/** A page method called with `this` bound, undefined when absent or when it throws. */
export function call(o: unknown, name: string, ...args: unknown[]): unknown {
  const fn = get(o, name);
  if (!isFn(fn)) return undefined;
  try {
    return fn.apply(o, args);
  } catch {
    return undefined;
  }
}

export function isElement(v: unknown): v is Element {
  try {
    return isObj(v) && typeof (v as { nodeType?: unknown }).nodeType === 'number' && (v as unknown as Node).nodeType === 1;
  } catch {
    return false;
  }
}

/** Values worth testing on an object: its own fields, bounded. */
export function fieldValues(o: unknown, max = 60): unknown[] {
  return keys(o, max).map((k) => get(o, k));
}
