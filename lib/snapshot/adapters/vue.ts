import type { Adapter, ChartRead, ReadContext } from '../adapter';
import { readEach } from '../adapter';
import { isInstance, readConfig, readInstance } from './react/route';
import { arr, fieldValues, get, isElement, isObj, keys } from './react/safe';

// Charts in Vue apps, through what Vue keeps (Superset-style bundled apps with no chart globals).
// Vue 3: the app's container (`__vue_app__`, set in production builds too; its `_vnode` holds the
// root component, `app._instance` only in dev builds) leads to the root component; the tree is walked through `subTree` vnodes (`component`, `children`). Production builds
// do not set `el.__vueParentComponent`, so the tree walk is the primary path. Vue 2: `el.__vue__`
// (always set) and `$parent`. A component's fields (ctx for `this.chart = …` in mounted(), setupState,
// data, props, exposed) are tested for a Chart.js / ECharts / uPlot instance, else an ECharts option or
// Chart.js-style chart data, and routed to that library's normaliser.
// Limit: a chart held only in a setup() closure (production `<script setup>` with an inlined template,
// nothing returned or exposed) is out of reach of any page script; such charts fall to the DOM readers.

const MAX_INSTANCES = 3000;
const MAX_VNODES = 20000;
const CHARTISH = '[_echarts_instance_], canvas, div.uplot';

interface Found { reads: ChartRead[] }

export const vue: Adapter = {
  id: 'vue',
  world: 'main',
  detect: (ctx) => vue3Roots(ctx.document).length > 0 || vue2Candidates(ctx.document).length > 0,
  read(ctx) {
    // Production builds leave `app._instance` unset; the container's `_vnode` leads to the same root.
    const instances = vueComponents(ctx.document, ctx.expired);
    // readEach wants elements: each component is read through its host element.
    // Nested components can share a host element (a wrapper whose root is its child's root).
    const hosts = new Map<Element, unknown[]>();
    for (const inst of instances) {
      const el = hostOf(inst);
      if (!el) continue;
      const list = hosts.get(el) ?? [];
      list.push(inst);
      hosts.set(el, list);
    }
    const done = new Set<Element>();
    return readEach(hosts.keys(), ctx, 'vue', (el) => {
      const reads: ChartRead[] = [];
      for (const inst of hosts.get(el) ?? []) {
        for (const r of readComponent(inst, el).reads) {
          if (done.has(r.element) || ctx.isClaimed(r.element)) continue;
          done.add(r.element);
          reads.push(r);
        }
      }
      return reads;
    });
  },
};

function vue3Roots(doc: Document): Element[] {
  const out = new Set<Element>();
  for (const el of Array.from(doc.querySelectorAll('[data-v-app], #app, #root, body, body > *')).slice(0, 200)) {
    if (isObj(get(el, '__vue_app__'))) out.add(el);
  }
  return [...out];
}

function vue2Candidates(doc: Document): Element[] {
  return Array.from(doc.querySelectorAll(CHARTISH)).slice(0, 600).filter((el) => nearestVue2(el) !== undefined);
}

function nearestVue2(el: Element): unknown {
  let node: Element | null = el;
  for (let i = 0; node && i < 6; i++, node = node.parentElement) {
    const vm = get(node, '__vue__');
    if (isObj(vm)) return vm;
  }
  return undefined;
}

/** Every Vue 3 component under `root`, in tree order, bounded. */
/** Every Vue component instance on the page (Vue 3 tree walk and Vue 2 `__vue__`), bounded. */
export function vueComponents(doc: Document, expired: () => boolean = () => false): unknown[] {
  const out: unknown[] = [];
  for (const root of vue3Roots(doc)) {
    collectVue3(get(get(root, '__vue_app__'), '_instance') ?? get(get(root, '_vnode'), 'component'), out, { expired });
  }
  const v2 = new Set<unknown>();
  for (const el of vue2Candidates(doc)) {
    let vm = nearestVue2(el);
    for (let i = 0; vm && i < 8 && v2.size < MAX_INSTANCES; i++, vm = get(vm, '$parent')) v2.add(vm);
  }
  out.push(...v2);
  return out;
}

function collectVue3(root: unknown, out: unknown[], ctx: Pick<ReadContext, 'expired'>): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  let vnodes = 0;
  while (stack.length && out.length < MAX_INSTANCES && !ctx.expired()) {
    const inst = stack.pop();
    if (!isObj(inst) || seen.has(inst)) continue;
    seen.add(inst);
    out.push(inst);
    const kids: unknown[] = [];
    const walk = (vn: unknown, depth: number): void => {
      if (!isObj(vn) || depth > 60 || ++vnodes > MAX_VNODES) return;
      const comp = get(vn, 'component');
      if (isObj(comp)) { kids.push(comp); return; }
      const suspense = get(get(vn, 'suspense'), 'activeBranch');
      if (suspense) walk(suspense, depth + 1);
      const children = arr(get(vn, 'children'));
      if (children) for (const c of children) walk(c, depth + 1);
    };
    walk(get(inst, 'subTree'), 0);
    stack.push(...kids.reverse());
  }
}

/** The component's first host element (Vue 3 subTree.el, Vue 2 $el). */
function hostOf(inst: unknown): Element | undefined {
  const el = get(get(inst, 'subTree'), 'el') ?? get(inst, '$el');
  if (isElement(el)) return el;
  // A fragment root starts with a text/comment anchor; its next element sibling is the content.
  const next = get(el, 'nextElementSibling') ?? get(el, 'nextSibling');
  return isElement(next) ? next : undefined;
}

/** Reactive proxies and refs unwrapped to the page's own objects (read only; `__v_raw` is the target). */
function unwrap(v: unknown): unknown {
  if (!isObj(v)) return v;
  if (get(v, '__v_isRef') === true) v = get(v, '_value') ?? get(v, 'value');
  const raw = get(v, '__v_raw');
  return isObj(raw) ? raw : v;
}

/** What a component holds (fields, setup state, data, props, exposed), proxies unwrapped. */
export function componentValues(inst: unknown): unknown[] {
  const out: unknown[] = [];
  if (get(inst, '_isVue') === true) {
    // Vue 2: data is proxied onto the vm; non-reactive fields (this.chart) are own properties.
    for (const k of keys(inst, 150)) if (!k.startsWith('$') && !k.startsWith('_')) out.push(get(inst, k));
    out.push(...fieldValues(get(inst, '_data')), ...fieldValues(get(inst, '$props')));
  } else {
    for (const part of ['ctx', 'setupState', 'data', 'props', 'exposed']) out.push(...fieldValues(unwrap(get(inst, part)), 80));
  }
  return out.map(unwrap);
}

function readComponent(inst: unknown, host: Element): Found {
  const values = componentValues(inst);
  const reads: ChartRead[] = [];
  for (const v of values) if (isInstance(v)) reads.push(...(readInstance(v) ?? []));
  if (reads.length) return { reads };
  // No instance: a config the component keeps, drawn into its own chart element.
  const target = host.matches(CHARTISH) ? host : host.querySelector(CHARTISH);
  if (!target) return { reads };
  const name = String(get(get(inst, 'type'), 'name') ?? get(get(inst, '$options'), 'name') ?? '').toLowerCase();
  const hint = ['line', 'bar', 'pie', 'doughnut', 'scatter', 'bubble'].find((t) => name.includes(t));
  for (const v of values) {
    const r = readConfig(v, target, hint);
    if (r) return { reads: r };
  }
  return { reads };
}
