import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

/*
 * Search by field: `user_id` on the search page finds the schema fields of
 * that name across event types and data endpoints; a result opens its
 * entity's page with the field marked in the schema and scrolled into view.
 */

test('a schema field found on the search page opens marked in its schema', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(360_000);
  // The field collator's first run is ~75 s after start (app-config.yaml,
  // search.collators.dataPlatformFields), then the index is written.
  await expect
    .poll(
      async () => {
        const res = await backendApi.get(
          'api/search/query?term=user_id&types%5B0%5D=data-platform-field',
        );
        if (!res.ok()) return 0;
        return ((await res.json()) as { results: unknown[] }).results.length;
      },
      {
        message: 'schema fields named user_id in the search index',
        timeout: 240_000,
        intervals: [5_000],
      },
    )
    .toBeGreaterThan(0);

  await page.goto('/search?query=user_id');
  const typeList = page.getByRole('navigation', { name: 'filter by type' });
  const fieldsType = typeList.getByRole('button', { name: /Schema fields/ });
  await fieldsType.click();
  await expect(fieldsType).toHaveClass(/Mui-selected/);

  // Each result: the field's path, its type and mode, and where it lives.
  const results = page.getByRole('link', { name: /user_id$/ });
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeGreaterThan(1);
  await expect(page.getByText(/^Event type /).first()).toBeVisible();
  await expect(page.getByText(/^Data endpoint /).first()).toBeVisible();
  // Backstage's own search page parts (the result list's <li> outside a
  // list, its grey secondary text at 4.47:1); not this portal's components.
  await expectAccessible(page, {
    exclude: '.MuiListItem-alignItemsFlexStart',
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: test.info().outputPath(`field-search-${width}.png`),
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // One of the results: its entity's page, the field marked and in view.
  const opened = results.last();
  const path = (await opened.innerText()).trim();
  const href = (await opened.getAttribute('href')) ?? '';
  expect(href).toMatch(
    /^\/catalog\/default\/(eventtype|dataendpoint)\/.+\?field=/,
  );
  await opened.click();
  await expect(page).toHaveURL(
    new RegExp(`\\?field=${encodeURIComponent(path).replace(/\./g, '\\.')}`),
  );

  const marked = page.locator('[aria-current="location"][data-field-path]');
  await expect(marked).toHaveCount(1, { timeout: 60_000 });
  await expect(marked).toHaveAttribute('data-field-path', path);
  await expect(marked).toBeInViewport();
  // The schema table the field is marked in, with the pointer off it: the
  // click on the search page leaves it over a row, and Backstage UI's
  // hovered row puts secondary text at 4.15:1.
  await page.mouse.move(0, 0);
  await expectAccessible(page, { include: '.bui-Table' });
  await page.screenshot({
    path: test.info().outputPath('field-search-highlight-1440.png'),
  });
});
