// The background's half of point location: inject the MAIN-world locator, call it, and validate what
// comes back. The page controls that world (it can replace the installed function or its answer), so
// the answer is checked and bounded here before it reaches the highlight; anything malformed means
// "outline only", never an error for the person.
import { z } from 'zod';
import type { PointMark } from '@/lib/actions/highlight';

export const LOCATE_SCRIPT = '/locate-points.js';
/** The symbol key entrypoints/locate-points.ts installs the locator under. */
export const LOCATE_KEY = 'loupe.locatePoints';
const MAX_POINTS = 50;
const COORD = 1e7; // page coordinates beyond this are nonsense, not a long page

const locatedSchema = z.object({
  points: z.array(z.object({
    x: z.union([z.string().max(300), z.number().finite()]),
    series: z.string().max(300).optional(),
    left: z.number().finite().min(-COORD).max(COORD),
    top: z.number().finite().min(-COORD).max(COORD),
  })).max(MAX_POINTS),
  method: z.string().max(200),
  notes: z.array(z.string().max(300)).max(20),
});
export type Located = z.infer<typeof locatedSchema>;

export type ExecuteScript = (opts: {
  target: { tabId: number };
  world: 'MAIN';
  files?: string[];
  func?: (...args: never[]) => unknown;
  args?: unknown[];
}) => Promise<Array<{ result?: unknown }>>;

// Runs inside the page (serialized by executeScript): only its arguments and the page's globals.
function runLocate(key: string, chartId: string, xs: Array<string | number>, series: string | null): unknown {
  const fn = (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key)];
  return typeof fn === 'function' ? fn(window, document, chartId, xs, series ?? undefined) : null;
}

/** Where the cited points are drawn, or null when the page gave no usable answer. */
export async function locateInTab(
  exec: ExecuteScript, tabId: number, chartId: string, xs: ReadonlyArray<string | number>, series?: string,
): Promise<Located | null> {
  await exec({ target: { tabId }, world: 'MAIN', files: [LOCATE_SCRIPT] });
  const [first] = await exec({
    target: { tabId }, world: 'MAIN', func: runLocate as (...args: never[]) => unknown,
    args: [LOCATE_KEY, chartId, xs.slice(0, MAX_POINTS), series ?? null],
  });
  const parsed = locatedSchema.safeParse(first?.result);
  return parsed.success ? parsed.data : null;
}

/** The highlight's point list: located marks where found, else the bare x values (outline only). */
export function marksFor(located: Located | null, xs: ReadonlyArray<string | number>): Array<string | number | PointMark> {
  return located && located.points.length ? located.points : [...xs];
}
