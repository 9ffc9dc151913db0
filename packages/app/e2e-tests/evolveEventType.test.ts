import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';

/*
 * The evolve journey's gate: the owner of Track Played removes ms_played.
 * BACKWARD compatibility holds (readers of old data survive a removal), but
 * pipelines read the field: the verdict names each one with its owner and
 * the lineage it reads through, the Consumers step asks the owner's
 * decision before anything is submitted, and the server records it and
 * tells those consumers' owners.
 *
 * Track Played comes from examples/, not the local catalog directory, so
 * the task's publish step refuses to write it back (in production it opens
 * a pull request where the file lives): the gate, and the decision, come
 * before that step.
 */

type Consumer = { id: string; title: string; owner?: string };
type Decision = {
  id: string;
  decidedBy: string;
  reason: string;
  consumers: Consumer[];
  notified: string[];
};
type TaskEvent = { type: string; body: { message?: string; stepId?: string } };

const GUEST = 'user:development/guest';
const GUEST_TEAMS = [
  'group:default/data-infrastructure',
  'group:default/listening-insights',
];
const reason = `ms_played moves to duration_ms in revision 2 of plays; read it there (e2e ${Date.now().toString(
  36,
)})`;

// The scaffolder page's header tabs (Backstage's, react-aria) point
// aria-controls at a tab panel they do not render: not our components.
const SCAFFOLDER_PAGE = { exclude: '[role="tablist"]' };

async function nextStep(page: Page) {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
}

test('the evolve gate names the consumers a removal breaks and records the owner’s decision', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(300_000);

  // Who reads ms_played, as the backend's consumer impact says.
  const impact = await backendApi.post(
    'api/data-platform/schema-changes/consumers',
    {
      data: {
        entityRef: 'eventtype:default/track-played',
        paths: ['ms_played'],
      },
    },
  );
  expect(impact.ok(), 'consumer impact is served').toBe(true);
  const consumers: Consumer[] = (await impact.json()).consumers.ms_played;
  await test.info().attach('consumers of ms_played', {
    body: JSON.stringify(consumers, null, 2),
    contentType: 'application/json',
  });
  // The pipeline reading the raw table, and the royalty pipelines down the
  // column lineage.
  expect(consumers.map(c => c.title)).toEqual(
    expect.arrayContaining(['Clean plays, hourly', 'Royalty usage, monthly']),
  );

  await page.goto('/create/templates/default/evolve-event-type');
  await expect(
    page.getByRole('heading', { name: "Evolve an event type's schema" }),
  ).toBeVisible();
  const picker = page.getByRole('textbox', { name: 'Event type' });
  await picker.click();
  await picker.fill('track-played');
  await page.getByRole('option', { name: /Track Played/ }).click();
  await expectAccessible(page, SCAFFOLDER_PAGE);
  await nextStep(page);

  // The schema step: remove ms_played.
  const msPlayed = page.getByRole('group', {
    name: 'Field ms_played',
    exact: true,
  });
  await expect(msPlayed).toBeVisible();
  await msPlayed.getByRole('button', { name: 'Remove ms_played' }).click();
  await expect(msPlayed).toBeHidden();

  // The verdict is not just green: BACKWARD holds for old data, and the
  // consumers that will break are named with their owners.
  const panel = page.getByRole('region', {
    name: 'Changes against the current revision',
  });
  await expect(panel.getByRole('status').first()).toHaveText(
    /Compatible under BACKWARD .*for readers of old data, not for the consumers below/,
  );
  await expect(panel).toContainText(
    `ms_played is read by ${consumers.length} consumer${
      consumers.length === 1 ? '' : 's'
    } that will break: submitting needs the owner’s decision`,
  );
  const broken = panel.getByRole('list', { name: 'Consumers that will break' });
  for (const consumer of consumers) {
    await expect(
      broken.getByRole('listitem').filter({ hasText: consumer.title }).first(),
    ).toBeVisible();
  }
  await expect(
    broken.getByRole('listitem').filter({ hasText: 'Clean plays, hourly' }),
  ).toContainText('#ms_played ->');
  await page
    .getByRole('textbox', { name: 'What changed and why' })
    .fill('ms_played is replaced by duration_ms');
  await expectAccessible(page, SCAFFOLDER_PAGE);
  await nextStep(page);

  // The Consumers step: submit needs the decision.
  const gate = page.getByRole('region', {
    name: 'Consumers this change breaks',
  });
  await expect(gate).toContainText(`is read by ${consumers.length} consumer`);
  await expectAccessible(page, SCAFFOLDER_PAGE);
  // The screenshots show the gate, not the health alerts' toasts over it.
  await page.addStyleTag({
    content: '.notistack-SnackbarContainer { display: none !important; }',
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({
    path: test.info().outputPath('evolve-gate-1440.png'),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({
    path: test.info().outputPath('evolve-gate-390.png'),
    fullPage: true,
  });
  await expectAccessible(page, SCAFFOLDER_PAGE);
  await page.setViewportSize({ width: 1440, height: 900 });

  await nextStep(page);
  await expect(page.getByText(/^Decide: tick the box/).first()).toBeVisible();
  await gate
    .getByRole('checkbox', { name: /As the owner, I ship this change/ })
    .check();
  await nextStep(page);
  await expect(page.getByText(/^Say why it ships/).first()).toBeVisible();
  await gate.getByRole('textbox', { name: /Why it ships/ }).fill(reason);
  await nextStep(page);

  // Review: who breaks and why it ships, then create.
  await expect(page.getByText(reason)).toBeVisible();
  await expectAccessible(page, SCAFFOLDER_PAGE);
  await page.getByRole('button', { name: 'Create' }).click();

  // The check step passes with the decision, and records it.
  await page.waitForURL(/\/tasks\/[^/]+$/);
  const taskId = new URL(page.url()).pathname.split('/').pop();
  let log: TaskEvent[] = [];
  await expect
    .poll(
      async () => {
        const events = await backendApi.get(
          `api/scaffolder/v2/tasks/${taskId}/events`,
        );
        log = (await events.json()) as TaskEvent[];
        return log.some(e => e.type === 'completion');
      },
      { timeout: 120_000 },
    )
    .toBe(true);
  const messages = log.map(e => e.body.message ?? '');
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        new RegExp(
          `Recorded the decision of ${GUEST} to break ${consumers.length} consumer\\(s\\)`,
        ),
      ),
    ]),
  );

  // The decision, afterwards: who, why, the consumers named.
  const listed = await backendApi.get(
    'api/data-platform/schema-changes/decisions?entityRef=eventtype:default/track-played',
  );
  const decision = ((await listed.json()).items as Decision[]).find(
    d => d.reason === reason,
  );
  expect(decision).toMatchObject({
    decidedBy: GUEST,
    consumers: expect.arrayContaining(
      consumers.map(c => expect.objectContaining({ id: c.id })),
    ),
  });
  const owners = [
    ...new Set(consumers.flatMap(c => (c.owner ? [c.owner] : []))),
  ];
  expect([...decision!.notified].sort()).toEqual(owners.sort());

  // And where an owner looks for it: the event type's Schema tab.
  await page.goto('/catalog/default/eventtype/track-played/schema');
  const decisions = page.getByRole('table', {
    name: 'Decisions to break consumers',
  });
  const row = decisions.getByRole('row').filter({ hasText: reason });
  await expect(row).toBeVisible();
  await expect(row).toContainText(/guest/i);
  await expect(row).toContainText('Clean plays, hourly');
  await expectAccessible(page);

  // The guest's own teams own some of those consumers: the notice is theirs.
  if (owners.some(o => GUEST_TEAMS.includes(o))) {
    await page.goto('/notifications');
    await expect(
      page.getByText(/^track-played revision \d+ breaks /).first(),
    ).toBeVisible();
    // (No axe here: the notifications page is Backstage's, not ours.)
  }
});
