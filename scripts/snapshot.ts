// npm run -s snapshot -- <url|file> [--evidence]
// Opens the page in headless Chromium with the built extension (its e2e build, which may read any
// page: never ship it), runs the same reading path as the side panel, and prints the snapshot JSON on
// stdout and nothing else.
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ensureBuild } from './lib/build.mjs';
import { extensionPage, launchLoupe, readWithLoupe } from './lib/loupe-browser.mjs';
import { startStaticServer } from './lib/static-server.mjs';
import { withEvidence } from '../lib/snapshot/with-evidence';
import type { DashboardSnapshot } from '../lib/snapshot/schema';

const USAGE = 'Usage: npm run -s snapshot -- <url|file> [--evidence]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const evidence = args.includes('--evidence');
  const target = args.find((a) => !a.startsWith('--'));
  if (!target || args.includes('--help')) fail(USAGE, target ? 0 : 2);

  let url = target;
  let server: { url: string; close(): Promise<void> } | undefined;
  if (!/^https?:\/\//i.test(target)) {
    const file = resolve(target.replace(/^file:\/\//, ''));
    if (!existsSync(file)) fail(`No such file or URL: ${target}\n${USAGE}`);
    const local = await startStaticServer({ mounts: { '/': dirname(file) } });
    server = local;
    url = `${local.url}/${encodeURIComponent(basename(file))}`;
  }

  let extensionDir: string;
  try {
    extensionDir = ensureBuild('e2e');
  } catch (err) {
    fail(`Could not build Loupe: ${(err as Error).message}`);
  }
  const loupe = await launchLoupe({ extensionDir });
  try {
    const page = await loupe.context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch((err: Error) => {
      fail(`Could not load ${url}: ${err.message.split('\n')[0]}`);
    });
    if (response && !response.ok()) fail(`Could not load ${url}: the server answered ${response.status()} ${response.statusText()}`);
    const ext = await extensionPage(loupe.context, loupe.extensionId);
    await page.bringToFront();
    const outcome = await readWithLoupe(ext, page);
    if (!outcome.ok) fail(`Loupe could not read ${url}: ${outcome.message}`);
    const snapshot: DashboardSnapshot = evidence ? withEvidence(outcome.snapshot) : outcome.snapshot;
    process.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
  } finally {
    await loupe.close();
    await server?.close();
  }
}

main().catch((err: Error) => fail(`snapshot failed: ${err.message}`));
