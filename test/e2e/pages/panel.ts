import { readFile } from 'node:fs/promises';
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

  // Settings (gear in the header) and the header's provider badge and Pause AI switch.
  get providerLabel(): Locator {
    return this.page.locator('.provider-line .provider');
  }
  get pauseAi(): Locator {
    return this.page.getByRole('switch', { name: 'Pause AI' });
  }
  async openSettings(): Promise<void> {
    await this.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  }
  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }
  /** Chooses a provider and fills only the fields given (nothing is saved). */
  async fillProvider(s: { provider: string; baseUrl?: string; model?: string; apiKey?: string }): Promise<void> {
    await this.field('Provider').selectOption({ label: s.provider });
    if (s.baseUrl !== undefined) await this.field('Base URL').fill(s.baseUrl);
    if (s.model !== undefined) await this.field('Model').fill(s.model);
    if (s.apiKey !== undefined) await this.field('API key').fill(s.apiKey);
  }
  async saveSettings(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(this.page.locator('.save-status')).toHaveText('Saved.');
  }
  /** Clicks "Test connection" and returns the result line to wait on. */
  async testConnection(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
    return this.page.locator('.connection-result');
  }
  /** Forgets every saved setting: specs of a worker share one browser. */
  async clearSettings(): Promise<void> {
    await this.page.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { remove(keys: string[]): Promise<void> } } } };
      await chrome.storage.local.remove(['provider', 'redaction', 'pauseAi', 'plainLanguage']);
    });
  }

  /** Reads until the panel lists `count` charts: the first read may land before every chart has drawn.
   *  A read in progress is left to finish (on a busy machine a read can take seconds): clicking again
   *  would start over and drop its result. */
  async readUntilCharts(count: number): Promise<void> {
    const again = this.page.getByRole('button', { name: 'Read again' });
    await expect(async () => {
      await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      if ((await this.charts.count()) !== count) await again.click();
      await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      await expect(this.charts).toHaveCount(count, { timeout: 1000 });
    }).toPass({ timeout: 45_000 });
  }

  // Findings tab.
  get findingCards(): Locator {
    return this.page.getByRole('list', { name: 'Findings, most notable first' }).getByRole('listitem').filter({ has: this.page.locator('h3') });
  }
  /** A finding card by its rank (0 = F1, the most notable). */
  findingCard(rank: number): Locator {
    return this.findingCards.nth(rank);
  }
  findingTitle(card: Locator): Locator {
    return card.getByRole('heading', { level: 3 });
  }
  /** The card's evidence chips ("Show evidence E7 on the page"), in the order the finding cites them. */
  evidenceChips(card: Locator): Locator {
    return card.getByRole('group', { name: /^Evidence for F\d+$/ }).getByRole('button', { name: /^Show evidence E\d+ on the page$/ });
  }
  triageButton(card: Locator, verdict: 'Real' | 'Expected' | 'Noise' | 'Investigate'): Locator {
    return card.getByRole('group', { name: /^Triage F\d+$/ }).getByRole('button', { name: verdict, exact: true });
  }
  reasonField(card: Locator): Locator {
    return card.getByRole('textbox', { name: /Reason/ });
  }
  /** "Marked real by you · reason" once a verdict is saved. */
  triageLine(card: Locator): Locator {
    return card.locator('.triage-line');
  }
  get explainDashboardButton(): Locator {
    return this.page.getByRole('button', { name: 'Explain this dashboard' });
  }
  get dashboardExplanation(): Locator {
    return this.page.getByRole('region', { name: 'Explanation of this dashboard' });
  }

  /** Presses "Read again" and waits for that read to finish. */
  async readAgain(): Promise<void> {
    const again = this.page.getByRole('button', { name: 'Read again' });
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await again.click();
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  }
  /** "Not shown because you told us": findings hidden by an earlier verdict. */
  get hiddenFindings(): Locator {
    return this.page.getByRole('list', { name: 'Not shown because you told us' });
  }

  // Notes & rules and Log tabs.
  async openNotes(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Notes & rules' }).click();
    await expect(this.page.getByRole('heading', { name: 'Notes', exact: true })).toBeVisible();
  }
  async openLog(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Log' }).click();
    await expect(this.page.getByRole('heading', { name: /^Decision log/ })).toBeVisible();
  }
  get logEvents(): Locator {
    return this.page.getByRole('list', { name: 'Decision log, newest first' }).getByRole('listitem');
  }
  /** Clicks "Download <label>" in the Log tab's export, waits for the file and "<label> ready.", and
   *  returns the file's text. (Copy as Markdown needs a clipboard permission an extension page cannot be
   *  granted in a test.) */
  async downloadExport(label: 'Markdown' | 'HTML' | 'JSON' | 'CSV (evidence)'): Promise<string> {
    const file = this.page.waitForEvent('download', { timeout: 40_000 });
    await this.page.getByRole('button', { name: `Download ${label}` }).click();
    const done = await file;
    await expect(this.page.locator('.export-status')).toContainText(`${label} ready.`, { timeout: 20_000 });
    return readFile((await done.path())!, 'utf8');
  }

  // Ask tab.
  async openAsk(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Ask' }).click();
    await expect(this.askBox).toBeVisible();
  }
  get askBox(): Locator {
    return this.page.getByLabel('Ask about this dashboard');
  }
  /** Types a question and sends it with Enter, as a person would. */
  async ask(question: string): Promise<void> {
    await this.askBox.fill(question);
    await this.askBox.press('Enter');
  }
  /** Every question-and-answer turn, oldest first. */
  get turns(): Locator {
    return this.page.getByRole('list', { name: 'Conversation' }).locator(':scope > li');
  }
  /** The answer to a question (the article labelled with it). */
  answer(question: string): Locator {
    return this.page.getByRole('article', { name: `Answer to: ${question}` });
  }
  answerText(question: string): Locator {
    return this.answer(question).locator('.answer-text');
  }
  /** "Answering…", "Stopped — partial answer", "Incomplete answer", "No answer"; empty when done. */
  turnStatus(question: string): Locator {
    return this.answer(question).locator('.turn-status');
  }
  chip(question: string, id: string): Locator {
    return this.answer(question).getByRole('button', { name: `Show evidence ${id} on the page` });
  }
  /** Numbers the verifier could not back. */
  unsupported(question: string): Locator {
    return this.answer(question).locator('mark.unsupported');
  }
  get stopButton(): Locator {
    return this.page.getByRole('button', { name: 'Stop' });
  }
  retryButton(question: string): Locator {
    return this.page.getByRole('button', { name: `Retry: ${question}` });
  }

  // Drafts tab.
  async openDrafts(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Drafts' }).click();
    await expect(this.page.getByRole('region', { name: 'Proposals and drafts' })).toBeVisible();
  }
  /** A proposal (and the draft made from it) by its title. */
  proposal(title: string | RegExp): Locator {
    return this.page.getByRole('list', { name: 'Proposals' }).locator(':scope > li').filter({ has: this.page.getByRole('heading', { level: 3, name: title }) });
  }
  /** "Waiting on you: …", "Waiting on a sign-off: …", "Done: …" */
  draftState(card: Locator): Locator {
    return card.locator('.draft-state');
  }
  /** Ticks both confirmations and confirms; `mode` picks act or review only. */
  async confirmCheckpoint(card: Locator, mode: 'act' | 'review' = 'act'): Promise<void> {
    const form = card.getByRole('form', { name: 'Checkpoint' });
    await form.getByRole('radio', { name: mode === 'act' ? /^Act/ : /^Review only/ }).check();
    const confirm = form.getByRole('button', { name: 'Confirm checkpoint' });
    await expect(confirm).toBeDisabled();
    await form.getByRole('checkbox', { name: /I confirm the window/ }).check();
    await expect(confirm, 'the cohort confirmation cannot be skipped').toBeDisabled();
    await form.getByRole('checkbox', { name: 'I confirm the cohort' }).check();
    await confirm.click();
  }
  ruleBlock(card: Locator, rule: string): Locator {
    return card.getByRole('alert').filter({ hasText: `Blocked by rule “${rule}”` });
  }
  async signOff(card: Locator, rule: string, who: { name: string; role?: string; note?: string }): Promise<void> {
    const form = card.getByRole('form', { name: `Sign off “${rule}”` });
    await form.getByRole('textbox', { name: 'Name' }).fill(who.name);
    if (who.role !== undefined) await form.getByRole('textbox', { name: 'Role' }).fill(who.role);
    if (who.note !== undefined) await form.getByRole('textbox', { name: 'Note' }).fill(who.note);
    await form.getByRole('button', { name: `Sign off “${rule}”` }).click();
  }
  /** A step's row by its label (the button of a page step says exactly this). */
  step(card: Locator, label: string): Locator {
    return card.getByRole('list', { name: 'Steps' }).getByRole('listitem').filter({ hasText: label });
  }
  /** Click 1 previews, click 2 applies; waits until the panel shows the step applied and verified. */
  async runPageStep(card: Locator, label: string): Promise<void> {
    const row = this.step(card, label);
    await row.getByRole('button', { name: label, exact: true }).click();
    await row.getByRole('button', { name: `Apply: ${label}` }).click();
    await expect(row.locator('.step-state')).toHaveText('Applied and verified');
  }
  get killSwitch(): Locator {
    return this.page.locator('header').getByRole('button', { name: /^Undo all applied steps \(\d+\)$/ });
  }
  get killReport(): Locator {
    return this.page.locator('.kill-report');
  }
  get history(): Locator {
    return this.page.getByRole('list', { name: 'Decision history' });
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

/** Opens the panel in a window of its own beside the dashboard's, as the real side panel sits: the
 *  dashboard stays the tab in front of its window (what captureVisibleTab takes). */
export async function openPanelWindow(context: BrowserContext, extensionId: string, tabUrl: string): Promise<PanelPage> {
  const opener = await openPanel(context, extensionId, tabUrl);
  const url = opener.page.url();
  const popup = context.waitForEvent('page', (p) => p.url() === url);
  await opener.page.evaluate(async (u) => {
    const { chrome } = globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } };
    await chrome.windows.create({ url: u, type: 'popup', width: 420, height: 900 });
  }, url);
  const page = await popup;
  await opener.page.close();
  return new PanelPage(page);
}
