import { hookScriptRegistration, PAGE_HOOK_ID, type HookRegistration } from '@/lib/snapshot/hooks/register';

/** The slice of chrome.permissions / chrome.scripting the sync needs; passed in so tests can fake it. */
export interface HookApi {
  grantedOrigins(): Promise<string[]>;
  registeredIds(): Promise<string[]>;
  register(reg: HookRegistration): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

/** Keeps the document_start page hook registered for exactly the sites the user granted: none at
 *  install, one more after each "Allow Loupe to read this site", one less when access is removed.
 *  Returns the match patterns now registered. */
export async function syncPageHook(api: HookApi): Promise<string[]> {
  const origins = (await api.grantedOrigins()).filter((o) => o === '<all_urls>' || /^(https?|\*):\/\//.test(o));
  if ((await api.registeredIds()).includes(PAGE_HOOK_ID)) await api.unregister([PAGE_HOOK_ID]);
  if (!origins.length) return [];
  const reg = hookScriptRegistration(origins);
  await api.register(reg);
  return reg.matches;
}
