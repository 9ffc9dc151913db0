import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

/*
 * Personal data followed along lineage on the example platform: the
 * playback-errors rollup counts distinct users into affected_users without
 * flagging it as masking, so playback-errors-hourly receives pseudonymized
 * user ids it does not declare. Its page shows the finding with the path of
 * columns, and its schema marks the column as derived PII; the owner's
 * group page lists the finding too.
 */

const ENDPOINT_REF = 'dataendpoint:default/playback-errors-hourly';
const ENDPOINT = '/catalog/default/dataendpoint/playback-errors-hourly';

type Finding = { column?: string; owner?: string; kind: string };

/** Waits until the backend has computed the endpoint's finding. */
async function computedFinding(api: APIRequestContext): Promise<Finding> {
  let finding: Finding | undefined;
  await expect(async () => {
    const response = await api.get(
      `api/data-platform/pii/endpoint?ref=${encodeURIComponent(ENDPOINT_REF)}`,
    );
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as { findings: Finding[] };
    finding = body.findings.find(f => f.column === 'affected_users');
    expect(finding).toBeDefined();
  }).toPass({ timeout: 240_000, intervals: [2_000, 5_000] });
  return finding!;
}

const card = (page: Page, title: string) =>
  page
    .locator('.bui-Card, [class*="MuiCard-root"]')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) });

test('an endpoint shows the personal data it receives undeclared, and its owner sees the finding', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(420_000);
  const finding = await computedFinding(backendApi);
  expect(finding.kind).toBe('undeclared');

  await page.goto(ENDPOINT);
  const findings = card(page, 'Personal data findings');
  const item = findings.getByRole('listitem').filter({
    has: page.getByRole('heading', { name: /^affected_users: / }),
  });
  await expect(
    item.getByRole('heading', {
      name: 'affected_users: receives pseudonymize, derived, not declared',
    }),
    // the first page load of a cold portal on a busy machine is slow
  ).toBeVisible({ timeout: 180_000 });
  // The path of columns, source first, its endpoints linked.
  const path = item.getByRole('list', { name: 'Path of affected_users' });
  await expect(path.getByRole('link').first()).toHaveAttribute(
    'href',
    /^\/catalog\/default\/dataendpoint\//,
  );
  await expect(
    path.getByRole('link', { name: /^affected_users: its column lineage/ }),
  ).toBeVisible();
  await expect(
    item.getByText(
      /^What to do: Declare affected_users with pii: pseudonymize in the schema, or mask it/,
    ),
  ).toBeVisible();

  // The schema marks the column as derived, apart from declared marks.
  const schema = card(page, 'Schema');
  const mark = schema.getByRole('img', {
    name: /^PII pseudonymize, derived from user_id/,
  });
  await expect(mark).toHaveText('pseudonymize, derived');
  // As a keyboard user reaches it: the tooltip opens on focus only once the
  // last input was a key (after the pointer's clicks above it would not).
  await page.keyboard.press('Shift');
  await mark.focus();
  await expect(page.getByRole('tooltip')).toContainText('Path: ');
  await expectAccessible(page);
  // The pictures without the focus ring the mark's tooltip check left.
  await mark.blur();

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await findings.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: test.info().outputPath(`pii-endpoint-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The owner's page lists the finding on its endpoint.
  const owner = finding.owner!.replace(/^group:default\//, '');
  await page.goto(`/catalog/default/group/${owner}`);
  const ownerCard = card(page, 'Personal data findings on owned endpoints');
  await expect(
    ownerCard.getByRole('heading', {
      name: /^affected_users in Playback errors, hourly: receives pseudonymize/,
    }),
  ).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page);
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await ownerCard.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: test.info().outputPath(`pii-group-${width}.png`),
      fullPage: true,
    });
  }
});
