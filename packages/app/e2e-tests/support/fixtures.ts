/*
 * What browser tests import instead of '@playwright/test':
 *
 *   import { test, expect } from './support/fixtures';
 *
 *   test('...', async ({ guestPage, backendApi }) => { ... });
 *
 * - `guestPage`: a page signed in as the guest user, on the app's start page.
 * - `backendApi`: a request context for the backend (`backendApi.get(
 *   'api/catalog/entities/by-query?...')`), authenticated with the dev static
 *   token, for arranging data or comparing the UI with the API.
 */
import {
  APIRequestContext,
  Page,
  expect,
  test as base,
} from '@playwright/test';
import { devApiToken, portalConfig } from './portalConfig';

export { expect };

/** Signs in with the guest provider; the app then renders `path`. */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await expect(enter).toBeHidden();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeAttached();
}

export const test = base.extend<{
  guestPage: Page;
  backendApi: APIRequestContext;
}>({
  guestPage: async ({ page }, provide) => {
    await signInAsGuest(page);
    await provide(page);
  },
  backendApi: async ({ playwright }, provide) => {
    const api = await playwright.request.newContext({
      baseURL: `${portalConfig().backendUrl}/`,
      extraHTTPHeaders: { Authorization: `Bearer ${devApiToken}` },
    });
    await provide(api);
    await api.dispose();
  },
});
