import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { waitForOnCallRow } from './support/onCall';

type Facets = { facets: { kind: { value: string; count: number }[] } };

/** The guest's ownership refs (examples/org.yaml: a member of two teams). */
const GUEST_OWNERSHIP = [
  'user:development/guest',
  'group:default/data-infrastructure',
  'group:default/listening-insights',
];

test("the home page shows the guest's teams' late pipelines and their event types", async ({
  guestPage: page,
  backendApi,
}) => {
  // The demo feeder stalls a scheduler of the guest's teams: wait for health
  // to see a pipeline of theirs late or failed, as the home page asks it.
  await waitForOnCallRow(backendApi, {
    owners: GUEST_OWNERSHIP,
    wanted: () => true,
    message: "a late or failed pipeline of the guest's teams",
  });
  const res = await backendApi.get(
    `api/data-platform/health/oncall?filter=problems&sort=severity&limit=5&owners=${GUEST_OWNERSHIP.join(
      ',',
    )}`,
  );
  const { rows } = (await res.json()) as { rows: { title: string }[] };

  await page.goto('/home');
  const problems = page.getByRole('list', {
    name: "Your teams' late and failed pipelines",
  });
  await expect(problems).toContainText(rows[0].title);
  await expect(problems.getByRole('listitem').first()).toContainText(
    /^.+(Late by|Failed for|Bad data for) /,
  );

  const data = page.getByRole('list', {
    name: "Your teams' event types and data endpoints",
  });
  await expect(data.getByRole('listitem').first()).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Recent schema changes' }),
  ).toContainText(/r\d+/);
  // Not this portal's components: the scaffolder's template cards nest a
  // nameless link in their detail button, and the notifications plugin's
  // unread card (shown once earlier tests sent the guest notifications)
  // sets its links apart by colour alone.
  await expectAccessible(page, {
    exclude: [
      '[id^="viewDetail-template"]',
      '[class*="UnreadNotificationsCard_notificationRow"]',
    ],
  });

  await problems.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/catalog\/default\/pipeline\/[^/]+\/health$/);
});

test('the home page counts the kinds the catalog has and leads to them, to lineage and to on-call', async ({
  guestPage: page,
  backendApi,
}) => {
  const res = await backendApi.get('api/catalog/entity-facets?facet=kind');
  expect(res.ok()).toBe(true);
  const { facets } = (await res.json()) as Facets;
  const count = (kind: string) =>
    facets.kind.find(f => f.value === kind)?.count ?? 0;
  expect(count('EventType')).toBeGreaterThan(0);

  await page.goto('/home');
  await expect(page.getByRole('textbox', { name: /search/i })).toBeVisible();
  const kinds = page.getByRole('list', { name: 'Data platform kinds' });
  for (const [label, kind] of [
    ['Event types', 'EventType'],
    ['Pipelines', 'Pipeline'],
    ['Data endpoints', 'DataEndpoint'],
  ]) {
    await expect(
      kinds.getByRole('listitem').filter({ hasText: label }),
    ).toContainText(count(kind).toLocaleString('en-US'));
  }

  await kinds.getByRole('link', { name: 'Event types' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: /\(\d+\)$/ }),
  ).toContainText(`(${count('EventType')})`);

  await page.goBack();
  await page.getByRole('link', { name: 'Open the lineage explorer' }).click();
  await expect(page).toHaveURL(/\/data-lineage$/);

  await page.goBack();
  await page.getByRole('link', { name: 'Open pipeline health' }).click();
  await expect(page).toHaveURL(/\/pipeline-health$/);
});
