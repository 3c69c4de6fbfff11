// What the background passes to chrome.scripting.registerContentScripts for sites the user granted,
// so the page hook (uPlot, bundled Highcharts) runs before the page's own scripts build their plots.
export const PAGE_HOOK_ID = 'loupe-page-hook';

export interface HookRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start';
  world: 'MAIN';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}

/** origins: granted host patterns ("https://grafana.example.com/*") or bare origins, which become one. */
export function hookScriptRegistration(origins: string[]): HookRegistration {
  // Already a match pattern ("<all_urls>", "*://*/*", "https://x.test/*"): kept; a bare origin gets "/*".
  const matches = [...new Set(origins.map((o) => (o === '<all_urls>' || /\/\*$/.test(o) ? o : `${o.replace(/\/+$/, '')}/*`)))];
  return { id: PAGE_HOOK_ID, js: ['/page-hook.js'], matches, runAt: 'document_start', world: 'MAIN', allFrames: true, persistAcrossSessions: true };
}
