import { ensureBuild } from '../../scripts/lib/build.mjs';
import { buildFixtures } from '../fixtures/build.mjs';

/** One build of the e2e extension and of the sample dashboards before any spec runs. */
export default async function globalSetup(): Promise<void> {
  ensureBuild('e2e', { force: !!process.env.CI });
  await buildFixtures();
}
