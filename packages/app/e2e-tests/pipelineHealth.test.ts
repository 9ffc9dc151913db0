import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { OnCallRow, waitForOnCallRow } from './support/onCall';

/** "Mon 7 Dec 12:00 UTC", as the pages write a moment. */
function timestampLabel(iso: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(date);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${day} ${time} UTC`;
}

/*
 * The on-call journey on the example platform: the demo feeder makes a dbt
 * pipeline of one of the guest's teams fail; the on-call page lists it by
 * default and the guest acknowledges its alert. The alert changes state in
 * the backend, so a retry against the same portal would start from an
 * acknowledged alert: no retries.
 */
test.describe.configure({ retries: 0 });

/** The guest's teams, from the catalog (the page asks the identity API). */
async function guestTeams(api: APIRequestContext): Promise<string[]> {
  const res = await api.get(
    'api/catalog/entities/by-name/user/development/guest',
  );
  expect(res.ok()).toBe(true);
  const user = await res.json();
  return (user.relations as { type: string; targetRef: string }[])
    .filter(r => r.type === 'memberOf')
    .map(r => r.targetRef);
}

/** A failed pipeline of the teams with an open alert, once the demo feeder and the sweep made one. */
function failingPipeline(
  api: APIRequestContext,
  teams: string[],
): Promise<OnCallRow> {
  return waitForOnCallRow(api, {
    owners: teams,
    wanted: r => r.state === 'failed' && r.alert?.state === 'open',
    message:
      "a failed pipeline of the guest's teams with an open alert (demo feeder + sweep)",
  });
}

test('the on-call page shows the failing pipeline of my teams, and acknowledging its alert works', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(360_000);
  const teams = await guestTeams(backendApi);
  expect(teams.length).toBeGreaterThan(0);
  const failing = await failingPipeline(backendApi, teams);

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Pipeline health' })
    .click();
  await expect(page).toHaveURL(/\/pipeline-health$/);

  // Default view: my teams, late or failed now
  await expect(page.getByRole('radio', { name: 'My teams' })).toBeChecked();
  await expect(
    page.getByRole('radio', { name: 'Late or failed now' }),
  ).toBeChecked();
  const row = page.getByRole('row').filter({
    has: page.getByRole('link', { name: failing.title, exact: true }),
  });
  await expect(row).toBeVisible();
  await expect(row.getByText('Failed', { exact: true })).toBeVisible();
  await expect(row.getByText('Open', { exact: true })).toBeVisible();
  // Since when it has been failing: when the failure began, not the alert's age.
  const since = `since ${timestampLabel(failing.since!)}`;
  await expect(row.getByText(since)).toBeVisible();
  await expectAccessible(page);

  // Acknowledge with the keyboard alone: Tab into the list, arrows to the
  // row's Acknowledge button, Enter.
  const ackName = `Acknowledge alert on ${failing.pipelineRef}`;
  const focused = () =>
    page.evaluate(() => ({
      label: document.activeElement?.getAttribute('aria-label') ?? '',
      inGrid: !!document.activeElement?.closest('[role="grid"]'),
      text: document.activeElement?.textContent ?? '',
    }));
  for (let i = 0; i < 60 && !(await focused()).inGrid; i++)
    await page.keyboard.press('Tab');
  expect((await focused()).inGrid).toBe(true);
  for (
    let i = 0;
    i < 40 && !(await focused()).text.includes(failing.title);
    i++
  )
    await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 20 && (await focused()).label !== ackName; i++)
    await page.keyboard.press('ArrowRight');
  expect((await focused()).label).toBe(ackName);
  await page.keyboard.press('Enter');

  const name = failing.pipelineRef.split('/').pop();
  await expect(
    page.getByText(`Acknowledged the alert on ${name}.`),
  ).toBeVisible();
  // Focus lands on what happened, not on the page body.
  await expect(page.getByTestId('alert-action-outcome')).toBeFocused();
  await expect(row.getByText('Acknowledged', { exact: true })).toBeVisible();
  await expect(
    row.getByRole('button', {
      name: `Acknowledge alert on ${failing.pipelineRef}`,
    }),
  ).toHaveCount(0);

  // The backend agrees, and knows who did it
  const [namespace, pipeline] = failing.pipelineRef
    .replace(/^pipeline:/, '')
    .split('/');
  const res = await backendApi.get(
    `api/data-platform/health/pipelines/${namespace}/${pipeline}`,
  );
  const health = await res.json();
  const alert = health.alerts.find(
    (a: { id: string }) => a.id === failing.alert!.id,
  );
  expect(alert.state).toBe('acknowledged');
  expect(alert.acknowledgedBy).toBe('user:development/guest');

  // The Health tab shows it in the alert's history
  await row.getByRole('link', { name: failing.title, exact: true }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/${namespace}/pipeline/${pipeline}/health$`),
  );
  await expect(page.getByText(/^Acknowledged by guest/).first()).toBeVisible();
  // The Now card tells the on-call row's story.
  const now = page.getByTestId('current-state');
  await expect(now.getByTestId('current-since')).toContainText(since);
  if (failing.failureReason)
    await expect(now.getByText(failing.failureReason)).toBeVisible();
  await expectAccessible(page);

  // So does the Overview's health card...
  await page.goto(`/catalog/${namespace}/pipeline/${pipeline}`);
  const card = page.getByTestId('current-state');
  await expect(card.getByText('Failed', { exact: true })).toBeVisible();
  await expect(card.getByTestId('current-since')).toContainText(since);
  await expectAccessible(page);

  // ...and the catalog's Pipeline list.
  // The list pages by 20: search for the pipeline as a user would.
  await page.goto('/?filters%5Bkind%5D=pipeline&filters%5Buser%5D=all');
  await page.getByRole('textbox', { name: 'Search' }).fill(failing.title);
  const listed = page.getByRole('row').filter({
    has: page.getByRole('link', { name: `Health of ${failing.pipelineRef}` }),
  });
  await expect(listed.getByText('Failed', { exact: true })).toBeVisible();
});
