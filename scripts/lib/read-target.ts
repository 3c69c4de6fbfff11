// Reads one page (a URL, or a local file served on loopback) through the built extension, the same
// path as the side panel. Shared by `npm run -s snapshot` and `npm run -s ask`, which differ only in
// what they do with the snapshot. Failures throw CliError with a sentence meant for the person.
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ensureBuild } from './build.mjs';
import { extensionPage, launchLoupe, readWithLoupe, scrollThrough } from './loupe-browser.mjs';
import { startStaticServer } from './static-server.mjs';
import type { DashboardSnapshot } from '../../lib/snapshot/schema';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** Writes the message to stderr and exits: stdout stays for the JSON result only. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The snapshot of `target` (http(s) URL or file path). `usage` is appended to "no such file". */
export async function readTarget(target: string, usage: string): Promise<DashboardSnapshot> {
  let url = target;
  let server: { url: string; close(): Promise<void> } | undefined;
  if (!/^https?:\/\//i.test(target)) {
    const file = resolve(target.replace(/^file:\/\//, ''));
    if (!existsSync(file)) throw new CliError(`No such file or URL: ${target}\n${usage}`);
    server = await startStaticServer({ mounts: { '/': dirname(file) } });
    url = `${server.url}/${encodeURIComponent(basename(file))}`;
  }
  try {
    // LOUPE_EXTENSION_DIR: use a build made beforehand (the e2e specs' global setup) instead of
    // rebuilding the shared output folder under browsers that other specs have running from it.
    let extensionDir = process.env.LOUPE_EXTENSION_DIR || '';
    if (!extensionDir) {
      try {
        extensionDir = ensureBuild('e2e');
      } catch (err) {
        throw new CliError(`Could not build Loupe: ${(err as Error).message}`);
      }
    }
    const loupe = await launchLoupe({ extensionDir });
    try {
      const page = await loupe.context.newPage();
      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch((err: Error) => {
        throw new CliError(`Could not load ${url}: ${err.message.split('\n')[0]}`);
      });
      if (response && !response.ok()) throw new CliError(`Could not load ${url}: the server answered ${response.status()} ${response.statusText()}`);
      const ext = await extensionPage(loupe.context, loupe.extensionId);
      await page.bringToFront();
      await scrollThrough(page);
      const outcome = await readWithLoupe(ext, page);
      if (!outcome.ok) throw new CliError(`Loupe could not read ${url}: ${outcome.message}`);
      return outcome.snapshot;
    } finally {
      await loupe.close();
    }
  } finally {
    await server?.close();
  }
}
