// npm run -s snapshot -- <url|file> [--evidence]
// Opens the page in headless Chromium with the built extension (its e2e build, which may read any
// page: never ship it), runs the same reading path as the side panel, and prints the snapshot JSON on
// stdout and nothing else.
import { CliError, fail, readTarget } from './lib/read-target';
import { withEvidence } from '../lib/snapshot/with-evidence';
import type { DashboardSnapshot } from '../lib/snapshot/schema';

const USAGE = 'Usage: npm run -s snapshot -- <url|file> [--evidence]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const evidence = args.includes('--evidence');
  const target = args.find((a) => !a.startsWith('--'));
  if (!target || args.includes('--help')) fail(USAGE, target ? 0 : 2);

  const read = await readTarget(target, USAGE);
  const snapshot: DashboardSnapshot = evidence ? withEvidence(read) : read;
  process.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
}

main().catch((err: Error) => fail(err instanceof CliError ? err.message : `snapshot failed: ${err.message}`));
