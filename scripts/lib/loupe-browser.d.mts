import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { ReadOutcome } from '../../lib/messaging/protocol';

export const CHROMIUM_ARGS: string[];
export function launchLoupe(opts: { extensionDir: string; headless?: boolean; viewport?: { width: number; height: number } }):
  Promise<{ context: BrowserContext; extensionId: string; worker: Worker; close(): Promise<void> }>;
export function sendMessage<T = unknown>(extensionPage: Page, type: string, data: unknown): Promise<T>;
export function readTabOnce(extensionPage: Page, tabId: number): Promise<ReadOutcome>;
export function tabIdFor(extensionPage: Page, url: string): Promise<number | null>;
export function extensionPage(context: BrowserContext, extensionId: string, path?: string): Promise<Page>;
export function scrollThrough(page: Page): Promise<void>;
export function readWithLoupe(extensionPage: Page, page: Page, opts?: { settleMs?: number; stableReads?: number; emptyMs?: number }): Promise<ReadOutcome>;
