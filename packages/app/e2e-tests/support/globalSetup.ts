/* eslint-disable no-console -- the harness reports its progress on the runner's console */
/*
 * One portal per test run, shared by every browser test file: built and
 * started here, stopped by the returned teardown. DP_E2E_REUSE_PORTAL=1 tests
 * a portal that is already running (e.g. `./scripts/start.sh` in another
 * shell) instead.
 */
import {
  assertPortFree,
  buildApp,
  lockCheckout,
  logTail,
  portalLogFile,
  startPortal,
  waitForPortal,
} from './portal';
import { portalConfig } from './portalConfig';

export default async function globalSetup() {
  const config = portalConfig();
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

  if (process.env.DP_E2E_REUSE_PORTAL) {
    await waitForPortal(config);
    return undefined;
  }

  const unlock = await lockCheckout();
  let stopPortal = async () => {};
  try {
    await assertPortFree(config.backendPort);
    console.log('[e2e] building the app (skipped when unchanged)');
    const built = await buildApp(config);
    console.log(
      `[e2e] app ${built ? 'built' : 'unchanged'} after ${seconds()}`,
    );

    console.log(`[e2e] starting the portal on ${config.backendUrl}`);
    const portal = startPortal(config);
    stopPortal = portal.stop;
    try {
      const entities = await waitForPortal(config, portal);
      console.log(
        `[e2e] portal ready, ${entities} entities in the catalog, after ${seconds()}`,
      );
    } catch (error) {
      throw new Error(
        `${error} after ${seconds()}. End of ${portalLogFile}:\n${logTail(
          portalLogFile,
        )}`,
      );
    }
  } catch (error) {
    await stopPortal();
    unlock();
    throw error;
  }

  return async () => {
    await stopPortal();
    unlock();
    console.log('[e2e] portal stopped');
  };
}
