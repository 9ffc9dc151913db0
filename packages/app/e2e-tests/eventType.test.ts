import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';

type EventTypeList = {
  items: {
    metadata: { name: string; title?: string };
    spec: {
      schema: {
        fields: {
          name: string;
          type: string;
          pii?: string;
          fields?: unknown[];
        }[];
      };
    };
  }[];
  totalItems: number;
};

test('filter the catalog by EventType, open one and read its schema', async ({
  guestPage: page,
  backendApi,
}) => {
  const res = await backendApi.get(
    'api/catalog/entities/by-query?filter=kind=eventtype,metadata.name=track-played',
  );
  expect(res.ok()).toBe(true);
  const [eventType] = ((await res.json()) as EventTypeList).items;
  const title = eventType.metadata.title ?? eventType.metadata.name;
  const pseudonymized = eventType.spec.schema.fields.find(
    f => f.pii === 'pseudonymize',
  )!;

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await page.getByTestId('user-picker-all').click();

  // The kind picker lists the data platform's kinds next to the stock ones.
  await page.getByRole('button', { name: 'Component', exact: true }).click();
  await page.getByRole('option', { name: 'EventType', exact: true }).click();
  await expect(page).toHaveURL(
    /filters%5Bkind%5D=eventtype|filters\[kind\]=eventtype/,
  );

  await page.getByPlaceholder('Search').fill(eventType.metadata.name);
  await page
    .getByRole('table')
    .getByRole('link', { name: title, exact: true })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/eventtype/${eventType.metadata.name}`),
  );

  // The schema card: top-level fields with their types, the PII mark, and
  // the nested record context.device.os.
  const schema = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: 'Schema', level: 3 }) });
  const field = schema.getByRole('row').filter({
    has: page.getByRole('rowheader', {
      name: pseudonymized.name,
      exact: true,
    }),
  });
  await expect(field).toBeVisible();
  await expect(
    field.getByRole('gridcell', { name: 'pseudonymize', exact: true }),
  ).toBeVisible();
  for (const record of ['context', 'context.device']) {
    const expand = schema.getByRole('button', { name: `Expand ${record}` });
    if (await expand.isVisible()) await expand.click();
  }
  await expect(
    schema.getByRole('rowheader', { name: 'os', exact: true }),
  ).toBeVisible();
});

test("an event type's page and its Schema tab's revision diff pass axe", async ({
  guestPage: page,
}) => {
  await page.goto('/catalog/default/eventtype/track-played');
  await expect(
    page.getByRole('heading', { name: 'Schema', level: 3 }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto('/catalog/default/eventtype/track-played/schema');
  // The diff opens on the two latest revisions: a changed row shows its
  // type and mode in secondary text on a tinted background.
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('3');
  const diff = page.getByRole('list', { name: 'Field diff' });
  await expect(diff.getByRole('listitem').first()).toBeVisible();
  await expect(
    diff.locator('li[aria-label^="changed "]').first(),
  ).toBeVisible();
  await expectAccessible(page);

  // Another pair: the first revision against the current one.
  await page.getByLabel('From', { exact: true }).selectOption('1');
  await expect(diff.getByRole('listitem').first()).toBeVisible();
  await expectAccessible(page, { include: '[aria-label="Field diff"]' });
});
