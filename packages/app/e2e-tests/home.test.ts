import { expect, test } from './support/fixtures';

type Facets = { facets: { kind: { value: string; count: number }[] } };

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
