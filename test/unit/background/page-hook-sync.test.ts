import { describe, expect, it } from 'vitest';
import { syncPageHook, type HookApi } from '@/lib/page-hook-sync';
import type { HookRegistration } from '@/lib/snapshot/hooks/register';

function fakeApi(origins: string[], registered: string[] = []) {
  const calls: string[] = [];
  let current: HookRegistration | undefined;
  const api: HookApi = {
    grantedOrigins: async () => origins,
    registeredIds: async () => registered,
    register: async (reg) => { calls.push('register'); current = reg; },
    unregister: async (ids) => { calls.push(`unregister ${ids.join()}`); },
  };
  return { api, calls, current: () => current };
}

describe('syncPageHook', () => {
  it('registers nothing while the user has granted no site (the store build at install)', async () => {
    const f = fakeApi([]);
    expect(await syncPageHook(f.api)).toEqual([]);
    expect(f.calls).toEqual([]);
  });

  it('registers the hook at document_start in the MAIN world for exactly the granted sites', async () => {
    const f = fakeApi(['https://grafana.example.test/*', 'http://127.0.0.1/*']);
    expect(await syncPageHook(f.api)).toEqual(['https://grafana.example.test/*', 'http://127.0.0.1/*']);
    expect(f.current()).toMatchObject({ js: ['/page-hook.js'], runAt: 'document_start', world: 'MAIN' });
  });

  it('replaces the previous registration when access changes, and drops it when none is left', async () => {
    const more = fakeApi(['https://a.example.test/*'], ['loupe-page-hook']);
    await syncPageHook(more.api);
    expect(more.calls).toEqual(['unregister loupe-page-hook', 'register']);
    const none = fakeApi([], ['loupe-page-hook']);
    await syncPageHook(none.api);
    expect(none.calls).toEqual(['unregister loupe-page-hook']);
  });

  it('keeps <all_urls> (the e2e build) as a valid match pattern', async () => {
    const f = fakeApi(['<all_urls>']);
    expect(await syncPageHook(f.api)).toEqual(['<all_urls>']);
  });
});
