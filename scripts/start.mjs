// npm start: installs what is missing where it can, builds Loupe, serves the sample dashboards and
// opens Chromium with Loupe loaded on a sample dashboard. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const say = (m) => console.log(`loupe: ${m}`);

if (!existsSync(join(ROOT, 'node_modules', 'wxt'))) {
  say('installing dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  if (r.status !== 0) { say('npm ci failed; see above.'); process.exit(1); }
}

const { ensureChromium } = await import('./lib/chromium.mjs');
const { ensureBuild } = await import('./lib/build.mjs');
const { startFixtureServer } = await import('../test/fixtures/server.mjs');

let chrome;
try { chrome = ensureChromium({ log: say }); } catch (err) { console.error(err.message); process.exit(1); }
say('building the extension…');
const extensionDir = ensureBuild('production', { force: true, quiet: false });
const port = Number(process.env.PORT ?? 4173);
const server = await startFixtureServer({ port, build: true });
const board = `${server.url}/dashboards/growth/`;
say(`sample dashboards: ${server.url}/`);
say(`extension (unpacked): ${extensionDir}`);

const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  say('no display found: the dashboards are served, but Chromium needs a screen to show the panel.');
  say('run it under a virtual display (xvfb-run -a npm start) or load the extension in your own Chrome:');
  say(`chrome://extensions → Developer mode → Load unpacked → ${extensionDir}`);
} else {
  const profile = join(ROOT, '.output', 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  say('opening Chromium; click the Loupe toolbar icon (or press Alt+Shift+L) to open the side panel.');
  const child = spawn(chrome, [
    `--user-data-dir=${profile}`, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), board,
  ], { stdio: 'ignore' });
  child.on('exit', () => { server.close(); process.exit(0); });
}
process.on('SIGINT', () => { server.close(); process.exit(0); });
say('press Ctrl-C to stop.');
