/*
 * Where the portal under test lives and how to call it. Read by the
 * playwright config, the global setup and the fixtures, so all three agree.
 *
 * The tests' portal serves the built app from the backend, on
 * backend.baseUrl. Its port follows Backstage's own config overrides, so it
 * can run next to another portal (e.g. one kept running for screenshots):
 *   APP_CONFIG_backend_baseUrl      default http://localhost:7007
 *   APP_CONFIG_backend_listen_port  default: the port of backend.baseUrl
 * With DP_E2E_REUSE_PORTAL=1 the tests use a portal that is already running
 * (`./scripts/start.sh`): the app then is on APP_CONFIG_app_baseUrl
 * (default http://localhost:3000).
 */
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');

/** Test outputs: jest/playwright JSON, HTML report, portal log, artifacts. */
export const outputDir = resolve(
  repoRoot,
  process.env.DP_TEST_OUTPUT_DIR ?? '.test-output',
);

/**
 * The static token of `backend.auth.externalAccess` in app-config.yaml; both
 * read the same variable and fall back to the same dev-only default.
 */
export const devApiToken =
  process.env.DATA_PLATFORM_DEV_TOKEN || 'data-platform-dev-token';

export type PortalConfig = {
  /** Where the browser opens the app. */
  appUrl: string;
  backendUrl: string;
  backendPort: number;
};

function portOf(url: string): number {
  const parsed = new URL(url);
  if (parsed.port) {
    return Number(parsed.port);
  }
  return parsed.protocol === 'https:' ? 443 : 80;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function portalConfig(env = process.env): PortalConfig {
  const backendUrl = trimSlash(
    env.APP_CONFIG_backend_baseUrl ?? 'http://localhost:7007',
  );
  const appUrl = env.DP_E2E_REUSE_PORTAL
    ? trimSlash(env.APP_CONFIG_app_baseUrl ?? 'http://localhost:3000')
    : backendUrl;
  return {
    appUrl,
    backendUrl,
    backendPort: Number(
      env.APP_CONFIG_backend_listen_port ?? portOf(backendUrl),
    ),
  };
}

/** The config overrides for the portal the tests start (app on the backend). */
export function portalEnv(config: PortalConfig): Record<string, string> {
  return {
    APP_CONFIG_app_baseUrl: config.backendUrl,
    APP_CONFIG_backend_baseUrl: config.backendUrl,
    APP_CONFIG_backend_listen_port: String(config.backendPort),
    APP_CONFIG_backend_cors_origin: config.backendUrl,
  };
}
