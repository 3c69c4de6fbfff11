// @vitest-environment jsdom
import { afterAll, describe, expect, it } from 'vitest';
import { getUPlotRegistry, installUPlotHook, UPLOT_FIRST_FIELD } from '@/lib/snapshot/hooks/uplot-hook';
import { hookScriptRegistration } from '@/lib/snapshot/hooks/register';

// Built like uPlot 1.6: a plain constructor function that assigns valToPosH first, then makes its root.
function makeFakeUPlot() {
  function FakeUPlot(this: Record<string, unknown>, opts: { title?: string }, data: unknown[][], target?: Element) {
    this.valToPosH = () => 0;
    const root = document.createElement('div');
    root.className = 'uplot';
    this.root = root;
    this.data = data;
    this.series = [{}, { label: opts.title ?? 'y' }];
    this.scales = { x: { time: true } };
    this.setData = () => undefined;
    target?.appendChild(root);
  }
  FakeUPlot.assign = (a: object, b: object) => Object.assign(a, b);
  return FakeUPlot as unknown as { new (opts: { title?: string }, data: unknown[][], target?: Element): Record<string, unknown>; assign: unknown };
}

afterAll(() => { delete (Object.prototype as Record<string, unknown>)[UPLOT_FIRST_FIELD]; });

describe('uPlot hook', () => {
  const w = window;
  const slot = window as unknown as { uPlot?: ReturnType<typeof makeFakeUPlot> };
  const registry = installUPlotHook(w);

  it('records plots built through a window.uPlot assigned after the hook, keyed by root', () => {
    const Fake = makeFakeUPlot();
    slot.uPlot = Fake;
    expect(slot.uPlot.assign).toBe(Fake.assign); // statics reach through
    const u = new slot.uPlot!({ title: 'p95' }, [[1], [2]], document.body);
    expect(u instanceof Fake).toBe(true);
    expect(registry.get(u.root as Element)).toBe(u);
    expect(Object.keys(w)).not.toContain(String(Symbol.for('loupe.uplot.registry')));
    expect(getUPlotRegistry(w)).toBe(registry);
  });

  it('records bundled copies (no global) through the constructor\'s first field, once the root exists', async () => {
    const Bundled = makeFakeUPlot();
    const u = new Bundled({ title: 'err' }, [[1], [2]]);
    // The instance keeps a normal own, enumerable field.
    expect(Object.getOwnPropertyDescriptor(u, UPLOT_FIRST_FIELD)).toMatchObject({ writable: true, enumerable: true, configurable: true });
    await Promise.resolve();
    expect(registry.get(u.root as Element)).toBe(u);
    // Plain objects assigning the same name behave as usual and are not recorded.
    const plain: Record<string, unknown> = {};
    plain.valToPosH = 5;
    expect(plain.valToPosH).toBe(5);
    await Promise.resolve();
    expect([...registry.values()]).not.toContain(plain);
  });

  it('installs once', () => {
    expect(installUPlotHook(w)).toBe(registry);
  });

  it('describes its content-script registration for granted origins', () => {
    expect(hookScriptRegistration(['https://grafana.example.test', 'http://127.0.0.1/*'])).toEqual({
      id: 'loupe-page-hook', js: ['/page-hook.js'], matches: ['https://grafana.example.test/*', 'http://127.0.0.1/*'],
      runAt: 'document_start', world: 'MAIN', allFrames: true, persistAcrossSessions: true,
    });
  });
});
