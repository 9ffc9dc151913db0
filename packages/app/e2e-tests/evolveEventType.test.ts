import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible } from './support/accessibility';
import { portalConfig } from './support/portalConfig';

/*
 * The evolve journey's gate, walked by someone who does not own the event
 * type: the guest (Data Infrastructure, Listening Insights) removes
 * ms_played from Track Played, which Playback owns. BACKWARD compatibility
 * holds (readers of old data survive a removal), but pipelines read the
 * field: the verdict names each one with its owner and the lineage it reads
 * through, and the Consumers step says up front that only Playback (or a
 * data-platform admin) can decide to break them; the guest cannot decide,
 * and the server refuses the guest's decision too.
 *
 * The owner's path (the decision recorded as the owner, the consumers'
 * owners notified) is the backend's: schemaChangeRoutes.test.ts, on SQLite
 * and PostgreSQL. The example org gives the guest no event type of its own,
 * and other browser tests rely on the guest's teams as they are.
 */

type Consumer = { id: string; title: string; owner?: string };

const OWNER = 'group:default/playback';

// The scaffolder page's header tabs (Backstage's, react-aria) point
// aria-controls at a tab panel they do not render: not our components.
const SCAFFOLDER_PAGE = { exclude: '[role="tablist"]' };

async function nextStep(page: Page) {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
}

/** The guest's own Backstage token, as the app gets it on sign-in. */
async function guestToken(page: Page): Promise<string> {
  const refresh = await page.request.get(
    `${portalConfig().backendUrl}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(refresh.ok(), 'the guest signs in').toBe(true);
  return (await refresh.json()).backstageIdentity.token;
}

test('the evolve gate names the consumers a removal breaks, and leaves the decision to Playback', async ({
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
  // Track Played is Playback's; a service token never decides.
  expect(await impact.json()).toMatchObject({ owner: OWNER, mayDecide: false });

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

  // Who may decide, before anything is typed: Playback, linked, or an
  // admin; what the guest can do instead.
  const who = gate.getByRole('note');
  await expect(who).toHaveText(
    'Only Playback, the owners of this event type, or data-platform admins can decide to break these consumers. You can go back and keep the fields they read, or ask Playback to make this change.',
  );
  await expect(
    who.getByRole('link', { name: 'Playback' }).first(),
  ).toHaveAttribute('href', '/catalog/default/group/playback');
  await expect(
    gate.getByRole('checkbox', { name: /As the owner, I ship this change/ }),
  ).toBeDisabled();
  await expect(
    gate.getByRole('textbox', { name: /Why it ships/ }),
  ).toBeDisabled();

  // The step does not go on to Review: the guest cannot submit it.
  await nextStep(page);
  await expect(
    page
      .getByText(
        'Only its owners (playback) or data-platform admins can decide to break these consumers: go back and keep the fields, or ask the owners to make this change',
      )
      .first(),
  ).toBeVisible();
  await expect(gate).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toBeHidden();
  // (No axe on the step's errors: the scaffolder shows them in the theme's
  // error red, #f44336, 3.7:1 on white: Backstage's, not this field's.)

  // Nor does the server take the guest's decision, sent around the form.
  const refused = await page.request.post(
    `${portalConfig().backendUrl}/api/data-platform/schema-changes/decisions`,
    {
      headers: { Authorization: `Bearer ${await guestToken(page)}` },
      data: {
        entityRef: 'eventtype:default/track-played',
        revision: 99,
        reason: 'ms_played moves to duration_ms; read it there',
        idempotencyKey: `e2e-guest-${Date.now().toString(36)}`,
        changes: [
          { kind: 'field-removed', path: 'ms_played', description: 'removed' },
        ],
        consumers: consumers.map(c => ({
          id: c.id,
          title: c.title,
          owner: c.owner,
          paths: ['ms_played'],
          through: 'reads ms_played',
        })),
      },
    },
  );
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe(
    `Only the owners of eventtype:default/track-played (${OWNER}) or holders of dataplatform.schemaChange.decide may decide to break its consumers`,
  );
});
