import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { trackPlayed, trackPlayedHourly } from '../../__testUtils__/fixtures';
import { FakeProvisioningBackend } from '../__testUtils__/FakeProvisioningBackend';
import {
  applyRecord,
  eventTypeProvisioning,
  ids,
  pipelineProvisioning,
  refs,
  skipPredictor,
  tableEndpointProvisioning,
} from '../__testUtils__/provisioningFixtures';
import { renderInfrastructure } from '../__testUtils__/renderInfrastructure';

const backend = new FakeProvisioningBackend();
backend.listen();

const TABLE = 'BigQuery table sp-listening-prod.listening.track_played_hourly';
const DATASET = 'BigQuery dataset sp-listening-prod.listening';
const TOPIC = 'Pub/Sub topic sp-event-delivery/track-played';
const SCHEMA = 'Pub/Sub schema sp-event-delivery/track-played';
const DELIVERY =
  'Delivery (topic to table) sp-event-delivery/track-played.delivery.track_played_hourly';

/** A resource's card by type and name. */
const card = (name: string) => screen.findByRole('article', { name });
/** The resource cards' names, in page order. */
const cardNames = () =>
  screen
    .getAllByRole('article')
    .map(a => a.getAttribute('aria-label'))
    .filter(Boolean);
const change = (within_: HTMLElement, action: string) =>
  within_.querySelector(`[data-action="${action}"]`) as HTMLElement;

/** Opens the table endpoint's tab, applies all its changes and confirms. */
async function applyAllOfTheTable() {
  const user = userEvent.setup();
  await renderInfrastructure(trackPlayedHourly);
  await user.click(
    await screen.findByRole('button', { name: 'Apply all: 2 changes' }),
  );
  const dialog = await screen.findByRole('dialog');
  await user.click(
    within(dialog).getByRole('button', { name: 'Apply 2 changes' }),
  );
  return { user, dialog };
}

describe('InfrastructureContent', () => {
  describe('a table endpoint with a plan waiting', () => {
    beforeEach(() => backend.set(tableEndpointProvisioning()));

    it('lists each resource with its name, type, provisioner and state, dataset first', async () => {
      await renderInfrastructure(trackPlayedHourly);
      const table = await card(TABLE);
      expect(cardNames()).toEqual([DATASET, TABLE]);
      expect(
        within(table).getByText(
          'BigQuery table · provisioned by the local warehouse',
        ),
      ).toBeInTheDocument();
      const pending = within(table).getByText('Pending');
      expect(pending.closest('[data-tone]')).toHaveAttribute(
        'data-tone',
        'info',
      );
      expect(
        within(await card(DATASET)).getByText('In sync'),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/^2 resources: 1 in sync, 1 pending\./),
      ).toBeInTheDocument();
      expect(screen.getByText(/^Last observed/)).toHaveTextContent(
        'Last observed 12 min ago.',
      );
      expect(backend.requests[0].url.pathname).toBe(
        '/api/data-platform/provisioning/entities/dataendpoint/default/track-played-hourly',
      );
    });

    it('shows the plan change by change, flagging what takes something away', async () => {
      await renderInfrastructure(trackPlayedHourly);
      const table = await card(TABLE);
      expect(within(table).getByText('Plan: 2 changes')).toBeInTheDocument();
      const added = change(table, 'add-column');
      expect(added).toHaveTextContent(/^Add column columns\.skips: added/);
      expect(added).toHaveTextContent('from spec.schema: skips');
      expect(within(added).queryByText('Not additive')).toBeNull();
      const retention = change(table, 'set-partition-expiration');
      expect(retention).toHaveTextContent(
        'Set partition expiration partitionExpiration: partitions expire after 500 days -> 400 days',
      );
      expect(retention).toHaveTextContent('from spec.retentionDays');
      expect(within(retention).getByText('Not additive')).toBeInTheDocument();
    });

    it('shows refusals with the field, what the catalog asks and the rule, and the notes', async () => {
      await renderInfrastructure(trackPlayedHourly);
      const table = await card(TABLE);
      expect(
        within(table).getByText('Refused: 1 difference'),
      ).toBeInTheDocument();
      const refusal = table.querySelector(
        '[data-refusal="columns.legacy_country"]',
      ) as HTMLElement;
      expect(refusal).toHaveTextContent(
        'columns.legacy_country: the catalog asks for removed (NULLABLE STRING)',
      );
      expect(refusal).toHaveTextContent(
        'Refused: a column is never dropped; it stays in the table.',
      );
      expect(within(table).getByText(/^Will not be done/)).toBeInTheDocument();
      expect(
        within(table).getByText(
          'Note: access (spec.access) is not enforced by the local warehouse.',
        ),
      ).toBeInTheDocument();
    });

    it('shows drift as changes made outside the catalog', async () => {
      const provisioning = tableEndpointProvisioning();
      provisioning.resources[0].state = 'drifted';
      backend.set(provisioning);
      await renderInfrastructure(trackPlayedHourly);
      const table = await card(TABLE);
      expect(within(table).getByText('Drifted')).toBeInTheDocument();
      expect(
        within(table).getByText(/^Changed outside the catalog, field by field/),
      ).toBeInTheDocument();
      expect(
        within(table).getByText(
          /To end the drift, declare them in the catalog/,
        ),
      ).toBeInTheDocument();
    });

    it('shows a plan that only refuses as blocked, waiting for a person', async () => {
      const provisioning = tableEndpointProvisioning();
      const table = provisioning.resources[0];
      table.state = 'blocked';
      table.plan = { ...table.plan!, changes: [] };
      backend.set(provisioning);
      await renderInfrastructure(trackPlayedHourly);
      const tableCard = await card(TABLE);
      const badge = within(tableCard).getByText('Blocked');
      expect(badge.closest('[data-tone]')).toHaveAttribute(
        'data-tone',
        'warning',
      );
      expect(
        tableCard.querySelector('[data-blocked]') as HTMLElement,
      ).toHaveTextContent(
        'Blocked: columns.legacy_country: a column is never dropped; it stays in the table. Applying can do nothing here: it waits for a person, not for an apply.',
      );
      expect(
        within(tableCard).queryByRole('button', { name: /^Apply/ }),
      ).toBeNull();
      expect(
        screen.getByText(/^2 resources: 1 in sync, 1 blocked\./),
      ).toBeInTheDocument();
    });

    it('says where a resource could not be observed, and why', async () => {
      const provisioning = tableEndpointProvisioning();
      provisioning.resources[0].error = 'SQLITE_BUSY: database is locked';
      backend.set(provisioning);
      await renderInfrastructure(trackPlayedHourly);
      const table = await card(TABLE);
      expect(
        within(table).getByText(/^Could not be observed/),
      ).toHaveTextContent(
        'Could not be observed in the local warehouse: SQLITE_BUSY: database is locked. What follows is from the last time it was.',
      );
    });

    it('puts problems first, naming the field', async () => {
      backend.set(
        tableEndpointProvisioning({
          problems: [
            {
              entityRef: refs.table,
              field: 'spec.partitioning.keys',
              message:
                'BigQuery clusters by at most 4 columns; the table is clustered by the first 4',
            },
          ],
        }),
      );
      await renderInfrastructure(trackPlayedHourly);
      const problems = await screen.findByRole('alert');
      expect(problems).toHaveTextContent(
        'The catalog asks for what cannot be provisioned (1 problem)',
      );
      expect(problems).toHaveTextContent(
        'spec.partitioning.keys: BigQuery clusters by at most 4 columns',
      );
    });

    it('says what the scheduled reconcile applies by itself', async () => {
      backend.set(tableEndpointProvisioning({ autoApply: 'additive' }));
      await renderInfrastructure(trackPlayedHourly);
      expect(
        await screen.findByText(
          /^Additive changes are applied automatically by the scheduled reconcile/,
        ),
      ).toBeInTheDocument();
    });
  });

  describe('an event type', () => {
    beforeEach(() => backend.set(eventTypeProvisioning()));

    it('orders dataset, table, topic, schema, delivery and explains the unmanaged ones', async () => {
      await renderInfrastructure(trackPlayed);
      const topic = await card(TOPIC);
      expect(cardNames()).toEqual([DATASET, TABLE, TOPIC, SCHEMA, DELIVERY]);
      expect(within(topic).getByText('Unmanaged')).toBeInTheDocument();
      expect(
        within(topic).getByText('Pub/Sub topic · no provisioner installed'),
      ).toBeInTheDocument();
      expect(
        within(topic).getByText(
          /^No provisioner for Pub\/Sub topics is installed, so nothing here creates or checks this resource/,
        ),
      ).toBeInTheDocument();
      expect(
        within(await card(SCHEMA)).getByText(
          /^No provisioner for Pub\/Sub schemas is installed/,
        ),
      ).toBeInTheDocument();
    });

    it('shows what the delivery drops, pseudonymizes and does not encrypt yet', async () => {
      await renderInfrastructure(trackPlayed);
      const delivery = await card(DELIVERY);
      expect(
        within(delivery).getByText('Does not exist yet. Applying creates it:'),
      ).toBeInTheDocument();
      const terms = [...delivery.querySelectorAll('dt')].map(dt => [
        dt.textContent,
        dt.nextElementSibling?.textContent,
      ]);
      expect(terms).toEqual([
        ['Dropped', 'context.device.ip_address'],
        ['Pseudonymized', 'user_id (replaced by a keyed hash)'],
        [
          'Encrypt: not applied',
          'email: per-user encryption is not applied yet, so these land unchanged.',
        ],
      ]);
      expect(
        within(delivery).getByText(/^The delivery is not in sync/),
      ).toBeInTheDocument();
    });
  });

  it("says a pipeline's topic is applied from the topic's page", async () => {
    backend.set(pipelineProvisioning());
    await renderInfrastructure(skipPredictor);
    const topic = await card(TOPIC);
    expect(
      within(topic).getByText(/^Applied from the page of/),
    ).toHaveTextContent('track-played-topic');
    expect(
      screen.getByText('No provisioner observes these resources.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply all' })).toBeDisabled();
    expect(screen.getByText('Nothing to apply.')).toBeInTheDocument();
  });
});

describe('applying', () => {
  it('confirms every change, flagging what is not additive, then shows each result', async () => {
    backend.set(tableEndpointProvisioning());
    backend.applyDelayMs = 300;
    const user = userEvent.setup();
    await renderInfrastructure(trackPlayedHourly);
    await user.click(
      await screen.findByRole('button', { name: 'Apply all: 2 changes' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('1 change is not additive'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'Set partition expiration partitionExpiration (partitions expire after 500 days -> 400 days)',
    );
    expect(change(dialog, 'add-column')).toHaveTextContent('columns.skips');
    expect(
      within(dialog).getByText(
        '1 refused difference stays as it is: no apply makes it.',
      ),
    ).toBeInTheDocument();
    expect(backend.requestsTo('POST', '/apply')).toHaveLength(0);

    await user.click(
      within(dialog).getByRole('button', { name: 'Apply 2 changes' }),
    );
    expect(
      await within(dialog).findByText(
        'Applying 2 changes to 1 resource, one resource at a time…',
      ),
    ).toBeInTheDocument();
    expect(await within(dialog).findByText('Applied.')).toBeInTheDocument();
    expect(backend.requestsTo('POST', '/apply')[0].body).toEqual({});
    expect(dialog.querySelectorAll('[data-result="applied"]')).toHaveLength(2);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const table = await card(TABLE);
    // What is left is refused: blocked, not pending an apply that cannot help.
    expect(within(table).getByText('Blocked')).toBeInTheDocument();
    expect(
      within(table).getByText(/^Blocked: columns\.legacy_country: /),
    ).toBeInTheDocument();
    expect(within(table).getByText('Last apply')).toBeInTheDocument();
    const history = await screen.findByRole('list', { name: 'Applies' });
    expect(history).toHaveTextContent(
      /sp-listening-prod\.listening\.track_played_hourlyApplied.*by guest, from this tab or the API: 2 changes/,
    );
    expect(screen.getByRole('button', { name: 'Apply all' })).toBeDisabled();
  });

  it('applies one resource and what it needs', async () => {
    backend.set(eventTypeProvisioning());
    const user = userEvent.setup();
    await renderInfrastructure(trackPlayed);
    await user.click(
      await screen.findByRole('button', {
        name: 'Apply 1 change to sp-event-delivery/track-played.delivery.track_played_hourly',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    // the delivery needs the table, whose plan is applied with it
    expect([...dialog.querySelectorAll('h4')].map(h => h.textContent)).toEqual([
      'sp-listening-prod.listening.track_played_hourly (BigQuery table)',
      'sp-event-delivery/track-played.delivery.track_played_hourly (Delivery (topic to table))',
    ]);
    await user.click(
      within(dialog).getByRole('button', { name: 'Apply 3 changes' }),
    );
    expect(await within(dialog).findByText('Applied.')).toBeInTheDocument();
    expect(backend.requestsTo('POST', '/apply')[0].body).toEqual({
      resources: [ids.delivery],
    });
  });

  it('shows the changes that failed, with why, and the resource as failed', async () => {
    backend.set(tableEndpointProvisioning());
    backend.failingChanges.set(ids.table, {
      partitionExpiration:
        'Exceeded rate limits: too many table update operations for this table',
    });
    const { user, dialog } = await applyAllOfTheTable();
    expect(
      await within(dialog).findByText(
        'Some changes did not go through; the others stay applied.',
      ),
    ).toBeInTheDocument();
    const failed = dialog.querySelector('[data-result="failed"]');
    expect(failed).toHaveTextContent(
      'Set partition expiration partitionExpiration',
    );
    expect(failed).toHaveTextContent(
      'Exceeded rate limits: too many table update operations for this table',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const table = await card(TABLE);
    expect(
      within(table).getByTitle(
        'The last apply of this plan failed, in part or whole.',
      ),
    ).toHaveTextContent('Failed');
    expect(within(table).getByText('Partly applied')).toBeInTheDocument();
    // the failed change stays planned, and the last apply says why
    expect(within(table).getByText('Plan: 1 change')).toBeInTheDocument();
    expect(
      within(table).getByText(
        'Exceeded rate limits: too many table update operations for this table',
      ),
    ).toBeInTheDocument();
  });

  it('says who may apply when the backend refuses with 403', async () => {
    backend.set(tableEndpointProvisioning());
    backend.mayApply = false;
    const { dialog } = await applyAllOfTheTable();
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('You are not allowed to apply this.');
    expect(alert).toHaveTextContent(
      'Only the owners of dataendpoint:default/track-played-hourly or holders of dataplatform.provisioning.apply may apply its provisioning. Ask a member of playback to apply it.',
    );
  });

  it('reports a server error readably', async () => {
    backend.set(tableEndpointProvisioning());
    backend.applyFailsWith = 500;
    const { dialog } = await applyAllOfTheTable();
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(/^The apply failed \(500/);
    expect(alert).toHaveTextContent(
      'The provisioning store is not reachable. Changes made before the error stay applied',
    );
  });

  it('disables Apply for those who may not, saying who may', async () => {
    backend.set(tableEndpointProvisioning({ canApply: false }));
    await renderInfrastructure(trackPlayedHourly);
    const applyAll = await screen.findByRole('button', {
      name: 'Apply all: 2 changes',
    });
    expect(applyAll).toBeDisabled();
    expect(applyAll).toHaveAccessibleDescription(
      'Only the owners of playback can apply, or someone granted dataplatform.provisioning.apply.',
    );
    const applyTable = screen.getByRole('button', {
      name: /^Apply 2 changes to sp-listening-prod/,
    });
    expect(applyTable).toBeDisabled();
  });
});

describe('history and checking again', () => {
  it('lists every apply: who, when, how, status and each result', async () => {
    const provisioning = tableEndpointProvisioning();
    const [table] = provisioning.resources;
    backend.set(provisioning);
    backend.applies.push(
      applyRecord(table, {
        id: 1,
        minutesAgo: 180,
        failures: { partitionExpiration: 'Permission denied on the table' },
      }),
      applyRecord(table, {
        id: 2,
        actor: 'reconcile',
        trigger: 'auto',
        minutesAgo: 60,
      }),
    );
    await renderInfrastructure(trackPlayedHourly);
    const history = await screen.findByRole('list', { name: 'Applies' });
    const top = [...history.children];
    expect(top).toHaveLength(2);
    expect(top[0]).toHaveTextContent(
      /Applied.*1 h ago by the scheduled reconcile \(additive changes only\): 2 changes/,
    );
    expect(top[1]).toHaveTextContent(
      /Partly applied.*3 h ago by guest, from this tab or the API: 2 changes/,
    );
    expect(top[1]).toHaveTextContent('Permission denied on the table');
    expect(top[1].querySelector('details')).toHaveAttribute('open');
    expect(top[0].querySelector('details')).not.toHaveAttribute('open');
    expect(
      backend.requestsTo('GET', '/history')[0].url.searchParams.get('limit'),
    ).toBe('50');
  });

  it('lists the ten newest applies until all are asked for', async () => {
    const provisioning = tableEndpointProvisioning();
    const [table] = provisioning.resources;
    backend.set(provisioning);
    for (let id = 1; id <= 12; id++) {
      backend.applies.push(applyRecord(table, { id, minutesAgo: 100 - id }));
    }
    const user = userEvent.setup();
    await renderInfrastructure(trackPlayedHourly);
    const history = await screen.findByRole('list', { name: 'Applies' });
    expect(history.children).toHaveLength(10);
    expect(history.children[0]).toHaveTextContent('1 h 28 min ago');
    expect(history.children[0].querySelector('summary')).toHaveTextContent(
      'Add column, Set partition expiration',
    );
    await user.click(
      screen.getByRole('button', { name: 'Show all 12 applies' }),
    );
    expect(history.children).toHaveLength(12);
  });

  it('observes and plans again on Check again', async () => {
    backend.set(tableEndpointProvisioning());
    const user = userEvent.setup();
    await renderInfrastructure(trackPlayedHourly);
    expect(await screen.findByText(/^Last observed/)).toHaveTextContent(
      'Last observed 12 min ago.',
    );
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() =>
      expect(screen.getByText(/^Last observed/)).toHaveTextContent(
        'Last observed just now.',
      ),
    );
    expect(backend.requestsTo('POST', '/plan')).toHaveLength(1);
  });
});
