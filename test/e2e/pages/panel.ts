import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** The side panel opened as a page for one tab (`sidepanel.html?tabId=N`): the real panel is not a
 *  page Playwright can reach, and opened as a tab it would otherwise read itself. */
export class PanelPage {
  constructor(readonly page: Page) {}

  get charts(): Locator {
    return this.page.getByRole('list', { name: 'Charts' }).getByRole('listitem');
  }
  chart(title: string): Locator {
    return this.charts.filter({ has: this.page.getByRole('heading', { name: title }) });
  }
  showButton(title: string): Locator {
    return this.page.getByRole('button', { name: `Show ${title} on the page` });
  }
  get status(): Locator {
    return this.page.locator('.highlight-status');
  }
}

/** Opens the panel for the tab showing `tabUrl`; its id is asked from an extension page. */
export async function openPanel(context: BrowserContext, extensionId: string, tabUrl: string): Promise<PanelPage> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const tabId = await page.evaluate(async (url) => {
    const norm = (u?: string) => (u ?? '').replace(/#.*$/, '');
    type Tab = { id?: number; url?: string };
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } };
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => norm(t.url) === norm(url))?.id ?? null;
  }, tabUrl);
  expect(tabId, `a tab showing ${tabUrl}`).not.toBeNull();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
  return new PanelPage(page);
}
