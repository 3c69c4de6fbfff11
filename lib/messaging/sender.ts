/** Messages are accepted only from Loupe's own extension pages: never from a content script's tab,
 *  another extension, or a web page. The origin comes from the sender, never from the message. */
export function isOwnExtensionPage(
  sender: { id?: string; url?: string; tab?: unknown; origin?: string },
  ownId: string,
): boolean {
  if (sender.id !== ownId) return false;
  if (sender.tab) return false;
  const url = sender.url ?? sender.origin ?? '';
  return url.startsWith(`chrome-extension://${ownId}/`) || url.startsWith(`moz-extension://`);
}
