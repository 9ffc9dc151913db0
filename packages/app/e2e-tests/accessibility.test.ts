import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

/*
 * axe-core (WCAG 2.1 A and AA, failing on serious and critical) on the data
 * platform's entity tabs and cards that the journey tests do not already
 * check: an endpoint's Quality and Infrastructure tabs and its Partitioning
 * card, an event type's and a pipeline's Infrastructure tab, and a
 * pipeline's inputs and outputs. Each page is checked once what it is about
 * has rendered, so the check reads the page a user reads.
 */

const ENDPOINT = '/catalog/default/dataendpoint/plays-hourly';
const PIPELINE = '/catalog/default/pipeline/plays-hourly-clean';
const EVENT_TYPE = '/catalog/default/eventtype/track-played';

const card = (page: import('@playwright/test').Page, title: string) =>
  page.getByRole('heading', { name: title, exact: true });

test("an endpoint's overview, with its Partitioning card", async ({
  guestPage: page,
}) => {
  await page.goto(ENDPOINT);
  await expect(card(page, 'Partitioning & retention')).toBeVisible();
  await expectAccessible(page);
});

test("an endpoint's Quality tab", async ({ guestPage: page }) => {
  await page.goto(`${ENDPOINT}/quality`);
  await expect(card(page, 'Checks by partition')).toBeVisible({
    timeout: 60_000,
  });
  await expectAccessible(page);
});

for (const [what, path] of [
  ['an endpoint', ENDPOINT],
  ['an event type', EVENT_TYPE],
  ['a pipeline', PIPELINE],
]) {
  test(`the Infrastructure tab of ${what}`, async ({ guestPage: page }) => {
    await page.goto(`${path}/infrastructure`);
    await expect(card(page, 'Infrastructure')).toBeVisible();
    await expectAccessible(page);
  });
}

test("a pipeline's overview, with its inputs and outputs", async ({
  guestPage: page,
}) => {
  await page.goto(PIPELINE);
  await expect(card(page, 'Inputs & outputs')).toBeVisible();
  await expectAccessible(page);
});
