// The background's side of page steps: validate the step, check the tab is still on the previewed
// page, inject entrypoints/step-runner.ts into the ISOLATED world and call it for this one step.
// Nothing here runs a step on its own: lib/background.ts calls these only for the panel's
// previewStep / applyStep / revertStep messages, one per click on that step's button.
import { clip } from './dom';
import type { StepRunner } from './runner';
import { parsePageStep, type StepOutcome, type StepPreview } from './schema';

export interface StepTabApi {
  executeScript(opts: { target: { tabId: number }; world: 'ISOLATED'; files?: string[]; func?: (...args: never[]) => unknown; args?: unknown[] }): Promise<Array<{ result?: unknown }>>;
  /** The tab's URL, or undefined when the browser does not tell (the page then checks it itself). */
  tabUrl(tabId: number): Promise<string | undefined>;
}

// These run inside the page and are serialized by executeScript: arguments and globals only.
function runPreview(step: unknown): StepPreview | null {
  const api = (globalThis as { __loupeSteps?: StepRunner }).__loupeSteps;
  return api ? api.previewInPage(document, window, step) : null;
}
function runApply(step: unknown, expectedUrl: string): Promise<StepOutcome> | null {
  const api = (globalThis as { __loupeSteps?: StepRunner }).__loupeSteps;
  return api ? api.applyInPage(document, window, step, expectedUrl) : null;
}
function runRevert(step: unknown, before: string, expectedUrl: string | null): Promise<StepOutcome> | null {
  const api = (globalThis as { __loupeSteps?: StepRunner }).__loupeSteps;
  return api ? api.revertInPage(document, window, step, before, expectedUrl ?? undefined) : null;
}

const noAnswer = 'The page did not answer. Read it again.';
const invalid = 'Loupe can only carry out a page step it drafted; this one is not valid.';
const moved = 'The page changed since the preview (it navigated elsewhere). Nothing was changed; preview the step again.';

function failed(message: string): StepOutcome {
  return { ok: false, before: null, after: null, verified: false, message };
}
function why(err: unknown): string {
  return clip(err instanceof Error ? err.message : String(err), 200);
}

async function call<T>(api: StepTabApi, tabId: number, func: (...args: never[]) => unknown, args: unknown[]): Promise<T | null> {
  await api.executeScript({ target: { tabId }, world: 'ISOLATED', files: ['/step-runner.js'] });
  const [first] = await api.executeScript({ target: { tabId }, world: 'ISOLATED', func, args });
  return (first?.result as T | null | undefined) ?? null;
}

export async function previewStepInTab(api: StepTabApi, tabId: number, input: unknown): Promise<StepPreview> {
  const step = parsePageStep(input);
  const none = { description: '', before: null, after: null, url: '' };
  if (!step) return { ok: false, ...none, message: invalid };
  try {
    return (await call<StepPreview>(api, tabId, runPreview, [step])) ?? { ok: false, ...none, message: noAnswer };
  } catch (err) {
    return { ok: false, ...none, message: `Loupe could not preview this step: ${why(err)}` };
  }
}

export async function applyStepInTab(api: StepTabApi, tabId: number, input: unknown, expectedUrl: unknown): Promise<StepOutcome> {
  const step = parsePageStep(input);
  if (!step || typeof expectedUrl !== 'string' || !expectedUrl) return failed(invalid);
  try {
    const url = await api.tabUrl(tabId);
    if (url !== undefined && url !== expectedUrl) return failed(moved);
    return (await call<StepOutcome>(api, tabId, runApply, [step, expectedUrl])) ?? failed(noAnswer);
  } catch (err) {
    return failed(`Loupe could not apply this step: ${why(err)}`);
  }
}

export async function revertStepInTab(api: StepTabApi, tabId: number, input: unknown, before: unknown, expectedUrl?: unknown): Promise<StepOutcome> {
  const step = parsePageStep(input);
  if (!step || typeof before !== 'string') return failed(invalid);
  const expected = typeof expectedUrl === 'string' && expectedUrl ? expectedUrl : null;
  try {
    const url = expected ? await api.tabUrl(tabId) : undefined;
    if (expected && url !== undefined && url !== expected) return failed(moved);
    return (await call<StepOutcome>(api, tabId, runRevert, [step, before, expected])) ?? failed(noAnswer);
  } catch (err) {
    return failed(`Loupe could not revert this step: ${why(err)}`);
  }
}
