import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

test('search from the home page finds an event type, and every result type answers', async ({
  guestPage: page,
  backendApi,
}) => {
  // The catalog collator's first run waits for the catalog to read the
  // examples (app-config.yaml, search.collators.catalog).
  await expect
    .poll(
      async () => {
        const res = await backendApi.get(
          'api/search/query?term=track%20played&types%5B0%5D=software-catalog',
        );
        if (!res.ok()) return 0;
        return ((await res.json()) as { results: unknown[] }).results.length;
      },
      { timeout: 180_000, intervals: [5_000] },
    )
    .toBeGreaterThan(0);

  const failedQueries: string[] = [];
  page.on('response', response => {
    if (response.url().includes('/api/search/query') && !response.ok()) {
      failedQueries.push(`${response.status()} ${response.url()}`);
    }
  });

  await page.goto('/home');
  const search = page.getByRole('textbox', { name: /search/i });
  await search.fill('Track Played');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?.*query=Track/);

  // Every result type the page offers answers without an error (the page
  // also counts each type's results, one query per type).
  const typeList = page.getByRole('navigation', { name: 'filter by type' });
  const typeButtons = typeList.getByRole('button');
  await expect(typeButtons.first()).toBeVisible();
  const typeNames = await typeButtons.allInnerTexts();
  expect(typeNames.length).toBeGreaterThan(1);
  expect(typeNames.join(' ')).not.toMatch(/Documentation/);
  for (let i = 0; i < typeNames.length; i++) {
    await typeButtons.nth(i).click();
    await expect(typeButtons.nth(i)).toHaveClass(/Mui-selected/);
    await expect(page.getByText(/Track Played/).first()).toBeVisible();
  }
  expect(failedQueries).toEqual([]);
  // Backstage's own result items (DefaultResultListItem): <li> outside a
  // list and grey secondary text at 4.47:1; not this portal's components.
  await expectAccessible(page, {
    exclude: '.MuiListItem-alignItemsFlexStart',
  });

  await typeButtons.first().click();
  await page
    .getByRole('link', { name: 'Track Played', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/eventtype\/track-played/);
  await expect(
    page.getByRole('heading', { name: 'Track Played' }).first(),
  ).toBeVisible();
});
