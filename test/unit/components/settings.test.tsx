// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '@/components/Panel';
import { createPanelStore } from '@/lib/stores/panel-store';
import { DEFAULT_SETTINGS, type ConnectionResult, type SettingsApi } from '@/lib/stores/settings-slice';
import type { CopilotSettings } from '@/lib/settings';
import { fakePanelApi, growthSnapshot } from '../stores/fake-panel-api';
import { act, allByRole, cleanup, click, getByRole, render } from './render';

afterEach(cleanup);

/** In-memory settings with a scripted connection tester: no storage, no network. */
function fakeSettings(initial: Partial<CopilotSettings> = {}, opts: { chromeAi?: boolean; result?: ConnectionResult } = {}) {
  let saved: CopilotSettings = { ...DEFAULT_SETTINGS, ...initial };
  const api: SettingsApi = {
    load: vi.fn(async () => saved),
    save: vi.fn(async (s) => { saved = { ...saved, ...s }; }),
    setPaused: vi.fn(async (paused: boolean) => { saved = { ...saved, paused }; }),
    watch: () => () => {},
    testConnection: vi.fn(async () => opts.result ?? { ok: true, message: 'Connected: 3 models.' }),
    chromeAiAvailable: async () => opts.chromeAi ?? false,
  };
  return { api, saved: () => saved };
}

async function renderPanel(settings = fakeSettings()) {
  const fake = fakePanelApi({ 1: { ok: true, snapshot: growthSnapshot() } });
  const store = createPanelStore({ ...fake.api, settings: settings.api });
  const el = await render(<Panel store={store} />);
  await act(async () => { await new Promise((r) => setTimeout(r, 0)); });
  return { el, store, settings };
}

const byLabel = <T extends HTMLElement>(root: HTMLElement, text: string): T => {
  const label = Array.from(root.querySelectorAll('label')).find((l) => l.textContent?.trim().startsWith(text));
  if (!label) throw new Error(`No field labelled ${text}`);
  const el = label.htmlFor ? root.ownerDocument.getElementById(label.htmlFor) : label.querySelector('input');
  return el as T;
};

async function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(el) as object;
  await act(async () => {
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

const describedText = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ')
  .map((id) => document.getElementById(id)?.textContent ?? '').join(' ');

describe('header: provider, Pause AI and the gear', () => {
  it('shows the provider in use and a Pause AI switch bound to the setting', async () => {
    const { el, settings } = await renderPanel(fakeSettings({ provider: { provider: 'compatible', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' } }));
    expect(el.querySelector('.provider')!.textContent).toBe('Ollama llama3.1');
    const pause = getByRole(el, 'switch', 'Pause AI');
    expect(pause.getAttribute('aria-checked')).toBe('false');
    await click(pause);
    expect(pause.getAttribute('aria-checked')).toBe('true');
    expect(settings.api.setPaused).toHaveBeenCalledWith(true);
    expect(el.querySelector('.provider-line')!.textContent).toMatch(/paused/);
  });

  it('the gear opens settings in place of the tabs; Back returns to them', async () => {
    const { el } = await renderPanel();
    expect(allByRole(el, 'tablist')).toHaveLength(1);
    await click(getByRole(el, 'button', 'Settings'));
    expect(getByRole(el, 'heading', 'Settings')).toBeTruthy();
    expect(allByRole(el, 'tablist')).toHaveLength(0);
    await click(getByRole(el, 'button', 'Back'));
    expect(allByRole(el, 'tablist')).toHaveLength(1);
  });
});

describe('settings view', () => {
  it('offers Offline by default and Chrome built-in AI only when it is available', async () => {
    const { el } = await renderPanel();
    await click(getByRole(el, 'button', 'Settings'));
    const select = byLabel<HTMLSelectElement>(el, 'Provider');
    expect(select.value).toBe('offline');
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['offline', 'openai', 'compatible']);
    await cleanup();
    const withAi = await renderPanel(fakeSettings({}, { chromeAi: true }));
    await click(getByRole(withAi.el, 'button', 'Settings'));
    expect(Array.from(byLabel<HTMLSelectElement>(withAi.el, 'Provider').options).map((o) => o.value)).toContain('chrome-ai');
  });

  it('bad input gets a clear message and keeps what was typed, even across Back; fixed input saves', async () => {
    const { el, settings } = await renderPanel();
    await click(getByRole(el, 'button', 'Settings'));
    await type(byLabel(el, 'Provider'), 'compatible');
    await type(byLabel(el, 'Base URL'), 'localhost:11434');
    await type(byLabel(el, 'API key'), 'sk-local-secret-1234');
    await click(getByRole(el, 'button', 'Save settings'));
    const url = byLabel<HTMLInputElement>(el, 'Base URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(url)).toMatch(/full address starting with http:\/\/ or https:\/\//);
    expect(describedText(byLabel(el, 'Model'))).toMatch(/Name the model to use/);
    expect(getByRole(el, 'status', /Not saved/)).toBeTruthy();
    expect(settings.api.save).not.toHaveBeenCalled();

    await click(getByRole(el, 'button', 'Back'));
    await click(getByRole(el, 'button', 'Settings'));
    expect(byLabel<HTMLInputElement>(el, 'Base URL').value).toBe('localhost:11434');
    expect(byLabel<HTMLInputElement>(el, 'API key').value).toBe('sk-local-secret-1234');
    expect(byLabel<HTMLInputElement>(el, 'API key').type).toBe('password');

    await type(byLabel(el, 'Base URL'), 'http://localhost:11434/v1');
    await type(byLabel(el, 'Model'), 'llama3.1');
    expect(describedText(byLabel(el, 'API key'))).toMatch(/Stored only in this browser, sent only to http:\/\/localhost:11434\/v1/);
    await click(getByRole(el, 'button', 'Save settings'));
    expect(getByRole(el, 'status', 'Saved.')).toBeTruthy();
    expect(settings.saved().provider).toEqual({ provider: 'compatible', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1', apiKey: 'sk-local-secret-1234' });
    expect(el.querySelector('.provider')!.textContent).toBe('Ollama llama3.1');
  });

  it('an invalid redaction pattern names its line; redaction and plain language save', async () => {
    const { el, settings } = await renderPanel();
    await click(getByRole(el, 'button', 'Settings'));
    await type(byLabel(el, 'User id patterns'), 'user_[a-z0-9]+\n(unclosed');
    await click(getByRole(el, 'button', 'Save settings'));
    expect(describedText(byLabel(el, 'User id patterns'))).toMatch(/Line 2 \(“\(unclosed”\): not a valid regular expression/);
    await type(byLabel(el, 'User id patterns'), 'acct_[0-9]+');
    await type(byLabel(el, 'Names to hide'), 'Ann Lee');
    await click(byLabel(el, 'Answer in plain language'));
    await click(getByRole(el, 'button', 'Save settings'));
    expect(settings.saved()).toMatchObject({ plainLanguage: true, redaction: { enabled: true, idPatterns: ['acct_[0-9]+'], names: ['Ann Lee'] } });
  });

  it('Test connection tests what is typed and says the result', async () => {
    const s = fakeSettings({}, { result: { ok: false, status: 401, message: 'Wrong key (401): http://127.0.0.1:9/v1 refused it.' } });
    const { el } = await renderPanel(s);
    await click(getByRole(el, 'button', 'Settings'));
    await type(byLabel(el, 'Provider'), 'compatible');
    await type(byLabel(el, 'Base URL'), 'http://127.0.0.1:9/v1');
    await type(byLabel(el, 'Model'), 'test-model');
    await click(getByRole(el, 'button', 'Test connection'));
    expect(s.api.testConnection).toHaveBeenCalledWith({ provider: 'compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'test-model' });
    expect(getByRole(el, 'status', /Wrong key \(401\)/)).toBeTruthy();
  });

  it('"Show what will be sent" shows the exact URL and body with the key masked', async () => {
    const { el } = await renderPanel();
    await click(getByRole(el, 'button', 'Settings'));
    await click(getByRole(el, 'button', 'Show what will be sent'));
    expect(el.querySelector('.request-preview')!.textContent).toMatch(/Nothing is sent/);
    await type(byLabel(el, 'Provider'), 'openai');
    await type(byLabel(el, 'API key'), 'sk-proj-abcdefghijklmnop');
    await click(getByRole(el, 'button', 'Show what will be sent'));
    const preview = el.querySelector('.request-preview')!.textContent!;
    expect(preview).toContain('https://api.openai.com/v1/chat/completions');
    expect(preview).toContain('Authorization: Bearer sk-…mnop');
    expect(preview).not.toContain('sk-proj-abcdefghijklmnop');
    expect(preview).toContain('What changed on this dashboard');
    expect(preview).toContain('"model": "gpt-4o-mini"');
  });

  it('says when saved settings were unreadable and replaced by defaults', async () => {
    const { el } = await renderPanel(fakeSettings({ problems: ['Saved provider settings are invalid (baseUrl: Invalid URL); using the default until they are saved again.'] }));
    await click(getByRole(el, 'button', 'Settings'));
    expect(getByRole(el, 'alert').textContent).toMatch(/Saved provider settings are invalid/);
  });
});
