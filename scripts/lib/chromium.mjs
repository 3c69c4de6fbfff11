// Finds a Chromium-family browser for the scripts and tests: CHROME_PATH, then Debian's chromium, then
// the usual Chrome paths. Where none exists and apt is available as root, installs Debian's chromium.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** A browser path, installing Debian's chromium when we can (root + apt-get); else a clear error. */
export function ensureChromium({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('No Chromium found: installing Debian\'s chromium with apt-get (about 30 s)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    const after = findChromium();
    if (after) return after;
  }
  throw new Error(
    'Loupe needs Chromium or Google Chrome and found none.\n' +
    '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
    '  macOS: install Google Chrome from google.com/chrome\n' +
    '  Or point CHROME_PATH at a Chrome or Chromium binary.',
  );
}
