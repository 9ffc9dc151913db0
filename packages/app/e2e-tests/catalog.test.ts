import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

type EntityList = {
  items: { metadata: { name: string; title?: string } }[];
  totalItems: number;
};

test('a guest signs in and the catalog lists the entities the backend has', async ({
  guestPage: page,
  backendApi,
}) => {
  const res = await backendApi.get(
    'api/catalog/entities/by-query?filter=kind=component&limit=1&orderField=metadata.name,asc',
  );
  expect(res.ok()).toBe(true);
  const components = (await res.json()) as EntityList;
  expect(components.totalItems).toBeGreaterThan(0);
  const { name, title } = components.items[0].metadata;

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await page.getByTestId('user-picker-all').click();
  await expect(
    page.getByRole('heading', {
      level: 2,
      name: `All Components (${components.totalItems})`,
    }),
  ).toBeVisible();

  // The table pages; its search box finds any entity.
  await page.getByPlaceholder('Search').fill(name);
  const link = page.getByRole('table').getByRole('link', {
    name: title ?? name,
    exact: true,
  });
  await link.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(
    page.getByRole('heading', { name: title ?? name, exact: true }).first(),
  ).toBeVisible();
});

test('the catalog names what sort of event type, pipeline and endpoint each row is', async ({
  guestPage: page,
}) => {
  await page.goto('/?filters%5Bkind%5D=pipeline&filters%5Buser%5D=all');
  const table = page.getByRole('table');
  await expect(
    table
      .getByRole('cell', {
        name: /^(BigQuery|Dataflow|Flink|Scio|dbt|Spark|Apache Beam|Airflow|Python), (hourly|daily|cron|streaming)$/,
      })
      .first(),
  ).toBeVisible();

  await page.goto('/?filters%5Bkind%5D=eventtype&filters%5Buser%5D=all');
  await expect(
    table.getByRole('cell', { name: /^(Hourly|Daily) events$/ }).first(),
  ).toBeVisible();
  // Backstage's catalog table: its column headers' sort labels nest
  // focusable elements; not this portal's components.
  await expectAccessible(page, { exclude: 'th .MuiTableSortLabel-root' });

  await page.goto('/?filters%5Bkind%5D=dataendpoint&filters%5Buser%5D=all');
  await expect(
    table.getByRole('cell', { name: 'Pub/Sub topic', exact: true }).first(),
  ).toBeVisible();
});
