/** Messages are accepted only from Loupe's own extension pages (the panel, also when opened as a
 *  tab): never from a content script in a web page, another extension, or a web page. The origin
 *  comes from the sender (set by the browser), never from the message. A content script's sender has
 *  Loupe's id but the web page's URL, so the URL check is what shuts it out. */
export function isOwnExtensionPage(
  sender: { id?: string; url?: string; origin?: string },
  own: { id: string; baseUrl: string },
): boolean {
  if (sender.id !== own.id) return false;
  const url = sender.url ?? '';
  if (!url.startsWith(own.baseUrl)) return false;
  return sender.origin === undefined || own.baseUrl.startsWith(sender.origin);
}
