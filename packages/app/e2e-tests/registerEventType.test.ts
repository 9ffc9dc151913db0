import fs from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import { repoRoot } from './support/portalConfig';

/*
 * The registration journey: a product team runs "Register a new event type",
 * defines the schema in the schema editor (imported from a sample event,
 * then fixed up by hand, with BigQuery's rules checked as it types), and
 * finds the new EventType in the catalog with that schema and its landing
 * endpoints. With no git host the template publishes to the local catalog
 * directory (local-catalog/), which this test cleans up after itself. The
 * template's last step provisions the raw table into the local warehouse
 * (in memory, like the catalog, so it is gone with the portal), and the
 * event type's Infrastructure tab shows it in sync.
 */

type SchemaField = {
  name: string;
  type: string;
  mode?: string;
  pii?: string;
  fields?: SchemaField[];
};
type TaskEvent = {
  type: string;
  body: { message?: string; stepId?: string };
};
type EventTypeEntity = {
  metadata: { name: string; title?: string };
  spec: {
    owner: string;
    delivery: { partitioning: string; retentionDays: number };
    schema: { revision: number; compatibility: string; fields: SchemaField[] };
  };
};

// Unique per run: the portal may live on across runs and the name must stay free.
const name = `e2e-followed-${Date.now().toString(36)}`;
const title = `E2E Playlist Followed ${name.slice(-6)}`;
// The raw table the template declares: tunewave-raw.events.<name, snake case>.
const rawTable = name.replace(/-/g, '_');
const publishedFile = resolve(
  repoRoot,
  'local-catalog/event-types',
  `${name}.yaml`,
);

const sampleEvent = {
  event_id: 'b7c1e0',
  event_time: '2025-01-31T12:00:00Z',
  user_id: 'u-42',
  playlist_uri: 'tw:playlist:37i9dQZF1DXcBWIGoYBM5M',
  'follow-source': 'playlist_page',
  context: { device: { os: 'ios', model: 'iPhone16,2' } },
};

/**
 * Not checked by axe: the scaffolder's header tabs (Backstage UI), whose
 * aria-controls name a tab panel they do not render (critical
 * aria-valid-attr-value on every /create page).
 */
const notOurs = { exclude: '[role="tablist"]' };

test.afterAll(() => {
  fs.rmSync(publishedFile, { force: true });
});

test('a product team registers a new event type and finds it in the catalog with its schema', async ({
  guestPage: page,
  backendApi,
}) => {
  test.setTimeout(300_000);

  await page.goto('/create/templates/default/register-event-type');
  await expect(
    page.getByRole('heading', { name: 'Register a new event type' }),
  ).toBeVisible();

  // Step 1: about the event. A name that is taken says so on the Name
  // field, and stops saying so once it is changed.
  const nameInput = page.getByRole('textbox', { name: 'Name', exact: true });
  await nameInput.fill('track-played');
  const taken = page.getByText(
    /^An event type named track-played exists already/,
  );
  await expect(taken).toBeVisible();
  await expect(nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(nameInput).toHaveAccessibleDescription(/exists already/);
  await nameInput.fill(name);
  await expect(taken).toBeHidden();
  await expect(nameInput).toHaveAttribute('aria-invalid', 'false');
  await expectAccessible(page, notOurs);
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('A listener followed a playlist (browser test).');
  // One of the guest's teams: the template applies the provisioning plan
  // as the guest, and the permission policy lets only owners do that.
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  // The picker filters on what it shows: the group's title.
  await owner.fill('Listening');
  await page.getByRole('option', { name: 'Listening Insights' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: the schema, imported from a sample event.
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Format').selectOption('sample');
  await dialog
    .getByLabel('Document')
    .fill(JSON.stringify(sampleEvent, null, 2));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  // "follow-source" is not a BigQuery name: the import renamed it and says so.
  await expect(
    page.getByText(
      'follow_source: renamed from "follow-source" to fit BigQuery\'s naming rules',
    ),
  ).toBeVisible();

  const field = (path: string) =>
    page.getByRole('group', { name: `Field ${path}`, exact: true });
  await expect(field('context.device.os')).toBeVisible();
  await field('event_id').getByLabel('Mode').selectOption('REQUIRED');
  await field('event_time').getByLabel('Mode').selectOption('REQUIRED');
  await field('user_id').getByLabel('Mode').selectOption('REQUIRED');
  await field('user_id').getByLabel('PII').selectOption('pseudonymize');

  // Inline validation as you type: a reserved word, then a valid name.
  await field('follow_source').getByLabel('Name').fill('from');
  await expect(
    field('from').getByText(
      '"from" is a reserved word in GoogleSQL; every query would have to quote it',
    ),
  ).toBeVisible();
  await field('from').getByLabel('Name').fill('follow_source');
  await expect(field('follow_source').getByText(/reserved word/)).toBeHidden();
  // Every choice of the Type and PII selects reads in full.
  await expectOptionsFit(field('event_time'));
  await expectAccessible(page, notOurs);
  await page.screenshot({
    path: test.info().outputPath('register-schema-1440.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: delivery (hourly, 90 days: the defaults).
  await expect(page.getByLabel('Retention (days)')).toHaveValue('90');
  await expectAccessible(page, notOurs);
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 4: PII review: every field's classification by path, and a box
  // that starts unticked and must be ticked.
  const summary = page.getByRole('region', { name: 'PII classifications' });
  await expect(summary).toContainText('PII classification of the 9 fields');
  await expect(summary).toContainText(
    'pseudonymize (1): replaced by a keyed hash',
  );
  await expect(summary).toContainText('user_id');
  await expect(summary).toContainText(
    'none (8): not personal data, lands as sent',
  );
  await expect(summary).toContainText('context.device.os');
  const reviewed = page.getByRole('checkbox', {
    name: 'I have checked the PII classification of every field',
  });
  await expect(reviewed).not.toBeChecked();
  await expectAccessible(page, notOurs);
  await page.screenshot({
    path: test.info().outputPath('register-pii-1440.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  const untickedMessage = page
    .getByRole('alert')
    .filter({ hasText: /^Tick the box once you have checked/ });
  await expect(untickedMessage).toBeVisible();
  await reviewed.check();
  await expect(untickedMessage).toBeHidden();
  await page.getByRole('button', { name: 'Review' }).click();

  // The Review step reads as a review: one line per field, the PII review.
  await expectReadableReview(page);
  await expectAccessible(page, notOurs);
  await page.screenshot({
    path: test.info().outputPath('register-review-1440.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Create' }).click();

  // The task: validate, render, publish to the local catalog, register.
  const open = page.getByRole('link', { name: /Open the event type/i });
  await expect(open).toBeVisible({ timeout: 180_000 });
  expect(fs.existsSync(publishedFile)).toBe(true);
  const taskId = new URL(page.url()).pathname.split('/').pop();

  // Its log shows the provisioning step planning the raw table in the local
  // warehouse, then creating it.
  const logResponse = await backendApi.get(
    `api/scaffolder/v2/tasks/${taskId}/events`,
  );
  expect(logResponse.ok(), 'the task log is readable').toBe(true);
  const provisionLog = ((await logResponse.json()) as TaskEvent[])
    .filter(e => e.type === 'log' && e.body.stepId === 'provision')
    // Each line as the action logged it, without its (coloured) level.
    .map(e =>
      (e.body.message ?? '')
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[\d+m/g, '')
        .replace(/^info: /, ''),
    );
  const rawTableId = `bigquery-table:tunewave-raw.events.${rawTable}`;
  expect(provisionLog).toContainEqual(
    `${rawTableId} (BigQuery table in the local warehouse): to create`,
  );
  expect(provisionLog).toContainEqual(`created ${rawTableId}`);

  // The catalog has it, with the schema as edited.
  const response = await backendApi.get(
    `api/catalog/entities/by-name/eventtype/default/${name}`,
  );
  expect(response.ok()).toBe(true);
  const entity = (await response.json()) as EventTypeEntity;
  expect(entity.metadata.title).toBe(title);
  expect(entity.spec.owner).toBe('group:default/listening-insights');
  expect(entity.spec.delivery).toEqual({
    partitioning: 'HOUR',
    retentionDays: 90,
  });
  expect(entity.spec.schema.revision).toBe(1);
  expect(entity.spec.schema.compatibility).toBe('BACKWARD');
  expect(entity.spec.schema.fields).toEqual([
    { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
    { name: 'event_time', type: 'TIMESTAMP', mode: 'REQUIRED' },
    { name: 'user_id', type: 'STRING', mode: 'REQUIRED', pii: 'pseudonymize' },
    { name: 'playlist_uri', type: 'STRING', mode: 'NULLABLE' },
    { name: 'follow_source', type: 'STRING', mode: 'NULLABLE' },
    {
      name: 'context',
      type: 'RECORD',
      mode: 'NULLABLE',
      fields: [
        {
          name: 'device',
          type: 'RECORD',
          mode: 'NULLABLE',
          fields: [
            { name: 'os', type: 'STRING', mode: 'NULLABLE' },
            { name: 'model', type: 'STRING', mode: 'NULLABLE' },
          ],
        },
      ],
    },
  ]);
  for (const endpoint of [`${name}-topic`, `${name}-raw`]) {
    const res = await backendApi.get(
      `api/catalog/entities/by-name/dataendpoint/default/${endpoint}`,
    );
    expect(res.ok(), `${endpoint} is in the catalog`).toBe(true);
  }

  // And the event type's page shows it, with its revision in the Schema tab.
  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/eventtype/${name}`),
  );
  await expect(
    page.getByRole('heading', { name: title }).first(),
  ).toBeVisible();
  await expect(page.getByText('pseudonymize').first()).toBeVisible();
  await page.getByRole('link', { name: 'Schema', exact: true }).click();
  const revisions = page.getByRole('table', { name: 'Schema revisions' });
  await expect(revisions.getByRole('row')).toHaveCount(2);
  await expect(revisions.getByRole('row').nth(1)).toContainText('1 (current)');
  await expect(revisions.getByRole('row').nth(1)).toContainText(
    'First revision',
  );

  // The Infrastructure tab: the raw table is in the local warehouse, in sync.
  await page.getByRole('link', { name: 'Infrastructure', exact: true }).click();
  const tableCard = page.getByLabel(
    `BigQuery table tunewave-raw.events.${rawTable}`,
    { exact: true },
  );
  await expect(tableCard).toContainText(
    'BigQuery table · provisioned by the local warehouse',
  );
  await expect(async () => {
    // Until it is: ask the tab to observe the warehouse again.
    const state = tableCard.getByText(/^(In sync|Pending|Drifted|Failed)$/);
    if ((await state.textContent()) !== 'In sync') {
      await page.getByRole('button', { name: 'Check again' }).click();
    }
    await expect(state).toHaveText('In sync', { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
});

/** The value of a Review step row, by its title. */
const reviewRow = (page: Page, heading: string) =>
  page.getByRole('row').filter({
    has: page.getByRole('cell', { name: heading, exact: true }),
  });

async function expectReadableReview(page: Page) {
  const fieldsRow = reviewRow(page, 'Fields');
  await expect(fieldsRow).toContainText(
    'user_id: STRING, REQUIRED, PII pseudonymize',
  );
  await expect(fieldsRow).toContainText('context.device.os: STRING, NULLABLE');
  await expect(reviewRow(page, 'PII: pseudonymize')).toHaveText(
    /PII: pseudonymize\s*user_id$/,
  );
  await expect(reviewRow(page, 'PII: none')).toContainText(
    'event_id, event_time, playlist_uri',
  );
  await expect(reviewRow(page, 'Partitioning')).toContainText('Hourly');
  // Not the raw field objects the actions take.
  await expect(page.getByText(/^name: ?$/)).toHaveCount(0);
}

/** Each option of the field's Type and PII selects fits in the select. */
async function expectOptionsFit(field: ReturnType<Page['getByRole']>) {
  for (const label of ['Type', 'Mode', 'PII']) {
    const select = field.getByLabel(label);
    const fits = await select.evaluate((element: HTMLSelectElement) => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(element);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const widest = Math.max(
        ...[...element.options].map(o => canvas.measureText(o.text).width),
      );
      const room =
        element.clientWidth -
        parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight);
      return widest <= room;
    });
    expect(fits, `every ${label} option fits its select`).toBe(true);
  }
}

test('the register form fits a phone: schema, PII and review steps at 390 px', async ({
  guestPage: page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const fitsWidth = async () => {
    return expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      'the page is no wider than the screen',
    ).toBeLessThanOrEqual(390);
  };

  await page.goto('/create/templates/default/register-event-type');
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill(`e2e-phone-${Date.now().toString(36)}`);
  await page.getByRole('textbox', { name: 'Description' }).fill('A phone.');
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.fill('Listening');
  await page.getByRole('option', { name: 'Listening Insights' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Format').selectOption('sample');
  await dialog.getByLabel('Document').fill(JSON.stringify(sampleEvent));
  await dialog.getByRole('button', { name: 'Import' }).click();
  const field = (path: string) =>
    page.getByRole('group', { name: `Field ${path}`, exact: true });
  await field('user_id').getByLabel('PII').selectOption('pseudonymize');
  await field('event_time').getByLabel('Mode').selectOption('REQUIRED');
  await expectOptionsFit(field('event_time'));
  await fitsWidth();
  await expectAccessible(page, notOurs);
  await page.screenshot({
    path: test.info().outputPath('register-schema-390.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  await fitsWidth();
  await page.screenshot({
    path: test.info().outputPath('register-pii-390.png'),
    fullPage: true,
  });
  await page
    .getByRole('checkbox', {
      name: 'I have checked the PII classification of every field',
    })
    .check();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(reviewRow(page, 'Fields')).toContainText(
    'user_id: STRING, NULLABLE, PII pseudonymize',
  );
  await fitsWidth();
  await expectAccessible(page, notOurs);
  await page.screenshot({
    path: test.info().outputPath('register-review-390.png'),
    fullPage: true,
  });
});

/*
 * The evolve form shares the schema editor and its review: the picker finds
 * an event type by its name, and the Review step says what changed and the
 * verdict, without the internals the actions use. (Creating is the evolve
 * journey's test.)
 */
test('evolving: the picker finds an event type by name; the review shows the changes and the verdict', async ({
  guestPage: page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/create/templates/default/evolve-event-type');
  const picker = page.getByRole('textbox', { name: 'Event type' });
  await picker.click();
  await picker.fill('track-played');
  await page
    .getByRole('option', { name: 'Track Played (track-played)' })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText(/^Changes against revision \d+$/)).toBeVisible();
  await page.getByRole('button', { name: 'Add field' }).click();
  await page
    .getByRole('group', { name: /^Field #\d+$/ })
    .getByLabel('Name')
    .fill('e2e_note');
  await page
    .getByRole('textbox', { name: 'What changed and why' })
    .fill('A note (browser test, not created).');
  const create = page.getByRole('button', { name: 'Create' });
  for (let step = 0; step < 3 && !(await create.isVisible()); step++) {
    await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
  }
  await expect(create).toBeVisible();
  await expect(reviewRow(page, 'Compatibility')).toContainText(
    /Compatible under BACKWARD \(checked against revision [\d, ]+\)/,
  );
  await expect(reviewRow(page, 'Changes')).toContainText('e2e_note');
  await expect(
    page.getByText(/Base Revision|Entity Ref|Field List/),
  ).toHaveCount(0);
  await expectAccessible(page, notOurs);
});
