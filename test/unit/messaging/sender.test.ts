import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from '@/lib/messaging/sender';

const own = { id: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };

describe('isOwnExtensionPage', () => {
  it.each([
    ['the side panel', { id: own.id, url: `${own.baseUrl}sidepanel.html`, origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }, true],
    ['the panel opened as a tab', { id: own.id, url: `${own.baseUrl}sidepanel.html?tabId=3`, tab: { id: 3 } }, true],
    ['a content script in a web page', { id: own.id, url: 'https://evil.example.test/board', origin: 'https://evil.example.test' }, false],
    ['another extension', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' }, false],
    ['a page claiming our URL with a foreign origin', { id: own.id, url: `${own.baseUrl}x.html`, origin: 'https://evil.example.test' }, false],
    ['no sender id at all', { url: `${own.baseUrl}sidepanel.html` }, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(isOwnExtensionPage(sender, own)).toBe(expected);
  });
});

describe('isOwnExtensionPage compares whole origins', () => {
  it.each([
    ['a look-alike host that starts with our id', { id: own.id, url: `chrome-extension://${own.id}.evil/x.html` }],
    ['an origin that is only a prefix of ours', { id: own.id, url: `${own.baseUrl}sidepanel.html`, origin: 'chrome-extension://abc' }],
    ['an empty origin', { id: own.id, url: `${own.baseUrl}sidepanel.html`, origin: '' }],
    ['an unparsable URL', { id: own.id, url: 'not a url' }],
    ['an empty id matching an empty own id', { id: '', url: `${own.baseUrl}sidepanel.html` }],
  ])('%s is refused', (_name, sender) => {
    expect(isOwnExtensionPage(sender, own)).toBe(false);
    expect(isOwnExtensionPage(sender, { ...own, id: sender.id ?? '' })).toBe(false);
  });
});
