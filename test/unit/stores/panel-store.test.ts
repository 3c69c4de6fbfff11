import { describe, expect, it } from 'vitest';
import type { ReadOutcome } from '@/lib/messaging/protocol';
import { createPanelStore } from '@/lib/stores/panel-store';
import { tabIdFromSearch } from '@/lib/stores/tab-slice';
import { deferred, fakePanelApi, growthSnapshot, settle } from './fake-panel-api';

const ok = (title = 'Growth insights'): ReadOutcome => ({ ok: true, snapshot: growthSnapshot({ title }) });
const noAccess: ReadOutcome = { ok: false, reason: 'no-access', origin: 'https://dash.example.test', message: 'Loupe needs your permission to read https://dash.example.test.' };

describe('panel store: reading', () => {
  it('reads the active tab on start: loading, then ready with the snapshot', async () => {
    const pending = deferred<ReadOutcome>();
    const { api } = fakePanelApi({ 1: () => pending.promise });
    const store = createPanelStore(api);
    expect(store.getState().status).toBe('idle');
    const started = store.getState().start();
    await settle();
    expect(store.getState()).toMatchObject({ tabId: 1, windowId: 10, pinned: false, status: 'loading' });
    pending.resolve(ok());
    await started;
    expect(store.getState().status).toBe('ready');
    expect(store.getState().snapshot?.title).toBe('Growth insights');
  });

  it('reads the tab given by the page URL and does not follow switches then', async () => {
    const fake = fakePanelApi({ 5: ok('Pinned'), 6: ok('Other') });
    const store = createPanelStore(fake.api);
    await store.getState().start({ tabId: 5 });
    expect(fake.api.activeTab).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ tabId: 5, pinned: true });
    fake.activate(6);
    await settle();
    expect(store.getState().tabId).toBe(5);
    expect(store.getState().snapshot?.title).toBe('Pinned');
  });

  it('keeps a failed read’s reason and message for the page to show', async () => {
    const store = createPanelStore(fakePanelApi({ 1: { ok: false, reason: 'restricted', message: 'This is a browser page.' } }).api);
    await store.getState().start();
    expect(store.getState()).toMatchObject({ status: 'failed', snapshot: null, failure: { reason: 'restricted' } });
  });

  it('"Read again" keeps the last snapshot on screen while it reads', async () => {
    const second = deferred<ReadOutcome>();
    let calls = 0;
    const store = createPanelStore(fakePanelApi({ 1: () => (++calls === 1 ? Promise.resolve(ok('First')) : second.promise) }).api);
    await store.getState().start();
    const again = store.getState().readAgain();
    expect(store.getState().status).toBe('loading');
    expect(store.getState().snapshot?.title).toBe('First');
    second.resolve(ok('Second'));
    await again;
    expect(store.getState().snapshot?.title).toBe('Second');
  });

  it('never reads one tab twice at once: asks while a read runs wait for it, and only the newest reads', async () => {
    const first = deferred<ReadOutcome>();
    const last = deferred<ReadOutcome>();
    let running = 0;
    let most = 0;
    const replies = [first, last];
    const fake = fakePanelApi({ 1: async () => {
      running++;
      most = Math.max(most, running);
      try { return await replies.shift()!.promise; } finally { running--; }
    } });
    const store = createPanelStore(fake.api);
    const started = store.getState().start();
    await settle();
    const b = store.getState().readAgain();
    const c = store.getState().readAgain();
    await settle();
    expect(fake.api.readTab).toHaveBeenCalledTimes(1);
    first.resolve(ok('First'));
    await started;
    await settle();
    expect(store.getState().status).toBe('loading');
    last.resolve(ok('Newest'));
    await Promise.all([b, c]);
    expect(fake.api.readTab).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
    expect(store.getState()).toMatchObject({ status: 'ready', snapshot: { title: 'Newest' } });
  });

  it('with no tab to read, says what to do', async () => {
    const fake = fakePanelApi();
    fake.api.activeTab.mockResolvedValue(undefined);
    const store = createPanelStore(fake.api);
    await store.getState().start();
    expect(store.getState()).toMatchObject({ status: 'failed', failure: { reason: 'gone' } });
    expect(fake.api.readTab).not.toHaveBeenCalled();
  });
});

describe('panel store: site permission', () => {
  it('asks for the site’s origin and reads again when allowed', async () => {
    let granted = false;
    const fake = fakePanelApi({ 1: async () => (granted ? ok() : noAccess) });
    fake.api.requestOrigins.mockImplementation(async () => (granted = true));
    const store = createPanelStore(fake.api);
    await store.getState().start();
    expect(store.getState().failure?.reason).toBe('no-access');
    await store.getState().allowSite();
    expect(fake.api.requestOrigins).toHaveBeenCalledWith(['https://dash.example.test/*']);
    expect(store.getState()).toMatchObject({ status: 'ready', permission: 'idle', failure: null });
  });

  it('says it was refused when the person declines, and does not read', async () => {
    const fake = fakePanelApi({ 1: noAccess });
    fake.api.requestOrigins.mockResolvedValue(false);
    const store = createPanelStore(fake.api);
    await store.getState().start();
    await store.getState().allowSite();
    expect(store.getState()).toMatchObject({ permission: 'refused', failure: { reason: 'no-access' } });
    expect(fake.api.readTab).toHaveBeenCalledTimes(1);
  });

  it('calls the permission request before anything it awaits (the click’s user gesture)', async () => {
    const fake = fakePanelApi({ 1: noAccess });
    const store = createPanelStore(fake.api);
    await store.getState().start();
    void store.getState().allowSite();
    expect(fake.api.requestOrigins).toHaveBeenCalledTimes(1); // synchronously, in the same tick
  });
});

describe('panel store: tab switching', () => {
  it('follows the active tab in its own window and reads it, dropping the old page', async () => {
    const fake = fakePanelApi({ 1: ok('Growth'), 2: ok('Marketing') });
    const store = createPanelStore(fake.api);
    await store.getState().start();
    fake.activate(2, 99); // another window: ignored
    await settle();
    expect(store.getState().tabId).toBe(1);

    fake.activate(2);
    expect(store.getState()).toMatchObject({ tabId: 2, snapshot: null, status: 'loading' });
    await settle();
    expect(store.getState().snapshot?.title).toBe('Marketing');
  });

  it('drops a slow read of a tab the person has already left', async () => {
    const slow = deferred<ReadOutcome>();
    const fake = fakePanelApi({ 1: ok('Growth'), 2: () => slow.promise, 3: ok('Ops') });
    const store = createPanelStore(fake.api);
    await store.getState().start();
    fake.activate(2);
    fake.activate(3);
    await settle();
    slow.resolve(ok('Marketing (late)'));
    await settle();
    expect(store.getState()).toMatchObject({ tabId: 3, status: 'ready' });
    expect(store.getState().snapshot?.title).toBe('Ops');
  });

  it('reads again when the tab it reads finishes loading, not for other tabs', async () => {
    const fake = fakePanelApi({ 1: ok() });
    const store = createPanelStore(fake.api);
    await store.getState().start();
    fake.update(4);
    fake.update(1, 'loading');
    expect(fake.api.readTab).toHaveBeenCalledTimes(1);
    fake.update(1);
    await settle();
    expect(fake.api.readTab).toHaveBeenCalledTimes(2);
  });

  it('stops listening when stopped', async () => {
    const fake = fakePanelApi({ 1: ok() });
    const stop = await createPanelStore(fake.api).getState().start();
    expect(fake.listeners()).toBe(2);
    stop();
    expect(fake.listeners()).toBe(0);
  });
});

describe('panel store: showing a chart', () => {
  it('asks the page to outline the chart and reports the outcome', async () => {
    const fake = fakePanelApi({ 1: ok() });
    const store = createPanelStore(fake.api);
    await store.getState().start();
    await store.getState().showChart('activation-rate');
    expect(fake.api.highlightChart).toHaveBeenCalledWith(1, 'activation-rate', undefined);
    expect(store.getState().highlight).toEqual({ chartId: 'activation-rate', status: 'shown' });

    fake.api.highlightChart.mockResolvedValueOnce({ ok: false, message: 'That chart is no longer on the page.' });
    await store.getState().showChart('aov');
    expect(store.getState().highlight).toMatchObject({ chartId: 'aov', status: 'failed', message: /no longer/ });
  });
});

describe('tabIdFromSearch', () => {
  it('takes a whole, non-negative tab id only', () => {
    expect(tabIdFromSearch('?tabId=42')).toBe(42);
    expect(tabIdFromSearch('')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=abc')).toBeUndefined();
    expect(tabIdFromSearch('?tabId=-1')).toBeUndefined();
  });
});
