import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { handlers } from '@/lib/background';
import { applyStepInTab, previewStepInTab, revertStepInTab, type StepTabApi } from '@/lib/actions/steps/in-tab';
import type { PageStep } from '@/lib/actions/steps/schema';

// The background's page-step handlers: only Loupe's own pages may send them, an invalid step never
// reaches the page, and a tab that is not on the previewed URL is refused before anything is injected.
const STEP: PageStep = { id: 's1', label: 'Segment', kind: 'set-filter', target: { controlId: 'segment' }, value: { value: 'New users' } };
const URL_A = 'http://127.0.0.1:8080/growth-mixpanel/';

function fakeTab(url: string | undefined, answer: unknown = { ok: true, before: 'All users', after: 'New users', verified: true, message: '' }) {
  const calls: Array<{ files?: string[]; func?: unknown; args?: unknown[] }> = [];
  const api: StepTabApi = {
    executeScript: vi.fn(async (opts) => { calls.push(opts); return [{ result: opts.func ? answer : true }]; }),
    tabUrl: vi.fn(async () => url),
  };
  return { api, calls };
}

describe('page-step handlers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuse messages from anything but Loupe’s own pages', async () => {
    const page = { id: fakeBrowser.runtime.id, url: 'https://dash.example.test/board', tab: { id: 3 } };
    await expect(handlers.previewStep({ tabId: 1, step: STEP }, page)).rejects.toThrow(/ignores messages/);
    await expect(handlers.applyStep({ tabId: 1, step: STEP, expectedUrl: URL_A }, page)).rejects.toThrow(/ignores messages/);
    await expect(handlers.revertStep({ tabId: 1, step: STEP, before: 'All users' }, page)).rejects.toThrow(/ignores messages/);
  });

  it('apply injects the step runner, then calls it with the step and the expected URL', async () => {
    const { api, calls } = fakeTab(URL_A);
    await expect(applyStepInTab(api, 4, STEP, URL_A)).resolves.toMatchObject({ ok: true, verified: true });
    expect(calls[0].files).toEqual(['/step-runner.js']);
    expect(calls[1].args).toEqual([STEP, URL_A]);
  });

  it('apply refuses a tab that navigated since the preview, injecting nothing', async () => {
    const { api, calls } = fakeTab('http://127.0.0.1:8080/marketing-ga4/');
    await expect(applyStepInTab(api, 4, STEP, URL_A)).resolves.toMatchObject({ ok: false, verified: false, message: expect.stringMatching(/navigated/) });
    expect(calls).toEqual([]);
  });

  it('an invalid step, a hand step or a missing URL never reaches the page', async () => {
    const { api, calls } = fakeTab(URL_A);
    await expect(applyStepInTab(api, 4, { ...STEP, kind: 'delete-everything' }, URL_A)).resolves.toMatchObject({ ok: false });
    await expect(applyStepInTab(api, 4, { id: 's2', label: 'x', kind: 'manual', text: 'do it' }, URL_A)).resolves.toMatchObject({ ok: false });
    await expect(applyStepInTab(api, 4, STEP, '')).resolves.toMatchObject({ ok: false });
    await expect(previewStepInTab(api, 4, { ...STEP, target: {} })).resolves.toMatchObject({ ok: false });
    await expect(revertStepInTab(api, 4, STEP, 42)).resolves.toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('a page that cannot be scripted gives a message, not a throw', async () => {
    const api: StepTabApi = { executeScript: async () => { throw new Error('Cannot access contents of the page'); }, tabUrl: async () => URL_A };
    await expect(applyStepInTab(api, 4, STEP, URL_A)).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/Cannot access/) });
    await expect(revertStepInTab(api, 4, STEP, 'All users', URL_A)).resolves.toMatchObject({ ok: false });
  });

  it('the background handler goes through the browser’s scripting for the panel', async () => {
    const exec = vi.fn(async (opts: { func?: unknown }) => [{ result: opts.func ? { ok: true, description: 'd', before: 'a', after: 'b', url: URL_A, message: '' } : true }]);
    (browser.scripting as unknown as { executeScript: typeof exec }).executeScript = exec;
    const panel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
    await expect(handlers.previewStep({ tabId: 1, step: STEP }, panel)).resolves.toMatchObject({ ok: true, url: URL_A });
    expect(exec).toHaveBeenCalledTimes(2);
  });
});
