// What the background passes to chrome.scripting.registerContentScripts for sites the user granted,
// so the uPlot hook runs before the page's own scripts build their plots.
export const UPLOT_HOOK_ID = 'loupe-uplot-hook';

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
  const matches = [...new Set(origins.map((o) => (/\/\*$/.test(o) ? o : `${o.replace(/\/+$/, '')}/*`)))];
  return { id: UPLOT_HOOK_ID, js: ['/uplot-hook.js'], matches, runAt: 'document_start', world: 'MAIN', allFrames: true, persistAcrossSessions: true };
}
