/** What the browser tells a listener about who sent a message (runtime.MessageSender's relevant part). */
export interface MessageSenderLike {
  id?: string;
  url?: string;
  origin?: string;
}

/** Messages are accepted only from Loupe's own extension pages (the panel, also when opened as a
 *  tab): never from a content script in a web page, another extension, or a web page. Everything
 *  checked comes from the sender, which the browser fills in; nothing in the message itself counts, so
 *  a page cannot claim to be the panel by putting an `origin` or `sender` field in what it sends.
 *  A content script's sender has Loupe's id but the web page's URL, so the URL check shuts it out.
 *  Origins are compared parsed and whole: a prefix check would let `chrome-extension://<id>.evil` or
 *  an empty origin through. */
export function isOwnExtensionPage(sender: MessageSenderLike, own: { id: string; baseUrl: string }): boolean {
  if (!sender.id || sender.id !== own.id) return false;
  const ownOrigin = originOf(own.baseUrl);
  if (!ownOrigin) return false;
  if (originOf(sender.url ?? '') !== ownOrigin) return false;
  return sender.origin === undefined || sender.origin === ownOrigin;
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    // Extension URLs have an opaque `origin` ("null") in some URL implementations: build it by hand.
    return u.host ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    return undefined;
  }
}
