import { expect, test } from './support/fixtures';
import { EndpointQuality, waitForCheckedEndpoint } from './support/quality';

/*
 * Data quality on the example platform: the local-warehouse runner checks
 * the tables the demo fills (now and then with defects), and the backend
 * scores them. A user opens an endpoint's Quality tab and reads its score
 * and its checks by partition; the catalog list of DataEndpoints shows
 * scores in its Quality column.
 */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the Quality tab shows the score and the checks the warehouse ran', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(480_000);
  const { entity, quality } = await waitForCheckedEndpoint(backendApi);
  const { namespace = 'default', name } = entity.metadata;
  const api = `api/data-platform/quality/endpoints/${namespace}/${name}`;
  const tab = `/catalog/${namespace}/dataendpoint/${name}/quality`;

  // The page reads the score the backend has now (a check pass may
  // rescore the endpoint between two reads: then read both again).
  await page.goto(tab);
  await expect(async () => {
    const now = (await (await backendApi.get(api)).json()) as EndpointQuality;
    await page.reload();
    await expect(
      page.getByText(`Quality score for ${now.score!.day}`),
    ).toBeVisible();
    await expect(
      page.locator('[data-tone]', { hasText: /^\d+\/100$/ }),
    ).toHaveText(`${now.score!.score}/100`);
  }).toPass({ timeout: 120_000 });

  const components = page.getByRole('table', { name: 'Score components' });
  for (const component of ['Timeliness', 'Checks', 'Volume', 'Stewardship']) {
    await expect(
      components.getByRole('rowheader', { name: component }),
    ).toBeVisible();
  }
  await expect(
    page.getByText(/^100 − \d+ points deducted = \d+$/),
  ).toBeVisible();

  // A check's row in the grid, its result on a partition in words; a
  // failed one opens its details: what it measured, the query to copy.
  // A failure with its query (a freshness failure judged from partition
  // metadata has none to copy).
  const failed = quality.results.find(
    r => r.status === 'fail' && !!r.run?.queries.length,
  );
  const shown =
    failed ??
    quality.results.find(
      r => r.status === 'pass' && r.source === quality.runner?.id,
    )!;
  const grid = page.getByRole('table', { name: 'Checks by partition' });
  const row = grid.getByRole('row').filter({
    has: page.getByRole('rowheader', {
      name: new RegExp(`^${escape(shown.name)}`),
    }),
  });
  await expect(row).toBeVisible();
  if (failed) {
    await row
      .getByRole('button', {
        // Not by its message: a freshness message counts the time past the
        // deadline, which moves on between the API's answer and the page's.
        name: new RegExp(`^${escape(failed.name)}, .*: Fail \\(`),
      })
      // Several partitions can fail: open one.
      .first()
      .click();
    await expect(
      page.getByRole('heading', {
        name: new RegExp(`^${escape(failed.name)} on `),
      }),
    ).toBeVisible();
    await expect(
      page.getByText('Expected', { exact: true }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: /^Copy SQL/ }).first(),
    ).toBeVisible();
  } else {
    await expect(
      row
        .getByRole('img', {
          name: new RegExp(`^${escape(shown.name)}, .*: Pass`),
        })
        .first(),
    ).toBeVisible();
  }

  // The catalog list of DataEndpoints has the scores as a column.
  await page.goto('/?filters%5Bkind%5D=dataendpoint&filters%5Buser%5D=all');
  await expect(
    page.getByRole('columnheader', { name: 'Quality' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /^Quality score \d+$/ }).first(),
  ).toBeVisible();
});
