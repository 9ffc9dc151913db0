import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import {
  AffectedConsumer,
  BreakingConsumersPolicy,
  EventTypeEntity,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../api/DataPlatformApi';
import { DataPlatformClient } from '../api/DataPlatformClient';
import { ConsumerDecisionField } from './ConsumerDecisionField';
import {
  ConsumerDecisionValue,
  DECISION_NO_REASON,
  DECISION_PENDING,
  DECISION_REFUSED,
  DECISION_UNTICKED,
  decisionNotYours,
  validateConsumerDecision,
} from './consumerDecision';

const fields: SchemaField[] = [
  { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
  { name: 'ms_played', type: 'INT64' },
];
const trackPlayed: EventTypeEntity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: { name: 'track-played', namespace: 'default' },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    delivery: { partitioning: 'HOUR', retentionDays: 90 },
    schema: { revision: 3, compatibility: 'BACKWARD', fields },
  },
};
const royalties: AffectedConsumer = {
  id: 'pipeline:default/royalty-usage',
  kind: 'Pipeline',
  title: 'royalty-usage',
  owner: 'group:default/royalties',
  evidence: 'column',
  through: {
    endpoint: 'dataendpoint:default/track-played-raw',
    endpointTitle: 'track-played-raw',
    column: 'ms_played',
  },
  columns: ['dataendpoint:default/plays-hourly#ms_played'],
};

// The backend's consumer impact over HTTP.
const BASE_URL = 'http://data-platform.test';
let policy: BreakingConsumersPolicy = 'requireDecision';
let mayDecide = true;
const server = setupServer(
  http.post(
    `${BASE_URL}/api/data-platform/schema-changes/consumers`,
    async ({ request }) => {
      const { entityRef, paths } = (await request.json()) as {
        entityRef: string;
        paths: string[];
      };
      return HttpResponse.json({
        entityRef,
        consumers: Object.fromEntries(
          paths.map(p => [p, p === 'ms_played' ? [royalties] : []]),
        ),
        policy,
        owner: 'group:default/playback',
        mayDecide,
      });
    },
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  policy = 'requireDecision';
  mayDecide = true;
});

function Form(props: {
  proposed: SchemaField[];
  onValue(value: ConsumerDecisionValue): void;
}) {
  const [value, setValue] = useState<ConsumerDecisionValue>();
  return (
    <ConsumerDecisionField
      {...({} as any)}
      name="consumerDecision"
      schema={{ title: 'Consumers this change breaks', type: 'object' }}
      uiSchema={{ 'ui:options': { schemaField: 'schema' } }}
      formData={value}
      formContext={{
        formData: {
          schema: {
            fields: props.proposed,
            entityRef: 'eventtype:default/track-played',
          },
        },
      }}
      onChange={(next: ConsumerDecisionValue) => {
        setValue(next);
        props.onValue(next);
      }}
    />
  );
}

async function render(proposed: SchemaField[]) {
  const values: ConsumerDecisionValue[] = [];
  await renderInTestApp(
    <Form proposed={proposed} onValue={v => values.push(v)} />,
    {
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [trackPlayed] })],
        [
          dataPlatformApiRef,
          new DataPlatformClient({
            discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
            fetchApi: mockApis.fetch(),
          }),
        ],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return values;
}

/** The step's validation of a value, for the schema `proposed`. */
function errorsOf(
  value: ConsumerDecisionValue | undefined,
  proposed: SchemaField[],
) {
  const validation = createFieldValidation();
  validateConsumerDecision(value, validation, {
    formData: { schema: { fields: proposed } },
    uiSchema: { 'ui:options': { schemaField: 'schema' } },
  } as any);
  return validation.__errors;
}

describe('ConsumerDecisionField', () => {
  const removed = fields.slice(0, 1);

  it('names who breaks, and goes on only with the box ticked and a reason', async () => {
    const values = await render(removed);
    expect(
      await screen.findByText(
        /ms_played is read by 1 consumer that will break/,
      ),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', {
      name: 'Consumers that will break',
    });
    expect(list).toHaveTextContent(
      'royalty-usage (pipeline), owned by royalties, reads ms_played: track-played-raw#ms_played -> plays-hourly#ms_played',
    );
    const last = () => values[values.length - 1];
    expect(last()).toMatchObject({
      breaking: ['pipeline:default/royalty-usage'],
      consumers: [],
      policy: 'requireDecision',
      summary: 'ms_played is read by 1 consumer that will break',
    });
    expect(errorsOf(last(), removed)).toEqual([DECISION_UNTICKED]);

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: /As the owner, I ship this change/,
      }),
    );
    expect(errorsOf(last(), removed)).toEqual([DECISION_NO_REASON]);
    await userEvent.type(
      screen.getByRole('textbox', { name: /Why it ships/ }),
      'royalties read duration_ms from revision 4',
    );
    expect(last()).toMatchObject({
      consumers: ['pipeline:default/royalty-usage'],
      reason: 'royalties read duration_ms from revision 4',
    });
    expect(errorsOf(last(), removed)).toEqual([]);
    // Edited again after the lookup: it must be looked up again first.
    expect(errorsOf(last(), fields)).toEqual([DECISION_PENDING]);
  });

  it('has nothing to decide when no consumer reads what changes', async () => {
    const values = await render([...fields, { name: 'shuffle', type: 'BOOL' }]);
    expect(await screen.findByText(/nothing to decide/)).toBeInTheDocument();
    expect(
      errorsOf(values[values.length - 1], [
        ...fields,
        { name: 'shuffle', type: 'BOOL' },
      ]),
    ).toEqual([]);
  });

  it('says the portal refuses it when the policy is refuse', async () => {
    policy = 'refuse';
    const values = await render(removed);
    expect(
      await screen.findByText(/This portal refuses such changes/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(errorsOf(values[values.length - 1], removed)).toEqual([
      DECISION_REFUSED,
    ]);
  });

  it('tells someone who may not decide who may, and keeps them from deciding', async () => {
    mayDecide = false;
    const values = await render(removed);
    // The group, linked (the portal shows its title; here its name).
    expect(
      (await screen.findAllByRole('link', { name: 'playback' }))[0],
    ).toHaveAttribute('href', '/catalog/default/group/playback');
    const notice = await screen.findByRole('note');
    expect(notice).toHaveTextContent(
      'Only playback, the owners of this event type, or data-platform admins can decide to break these consumers. You can go back and keep the fields they read, or ask playback to make this change.',
    );
    // Still told who breaks, but the box and the reason are not theirs.
    expect(
      screen.getByRole('list', { name: 'Consumers that will break' }),
    ).toHaveTextContent('royalty-usage');
    const box = screen.getByRole('checkbox', {
      name: /As the owner, I ship this change/,
    });
    expect(box).toBeDisabled();
    expect(box).toHaveAccessibleDescription(/^Only playback, the owners/);
    expect(
      screen.getByRole('textbox', { name: /Why it ships/ }),
    ).toBeDisabled();
    const last = values[values.length - 1];
    expect(last).toMatchObject({
      mayDecide: false,
      owner: 'group:default/playback',
    });
    expect(errorsOf(last, removed)).toEqual([
      decisionNotYours('group:default/playback'),
    ]);
    expect(decisionNotYours('group:default/playback')).toBe(
      'Only its owners (playback) or data-platform admins can decide to break these consumers: go back and keep the fields, or ask the owners to make this change',
    );
    // A value from before the backend said so cannot get past either.
    expect(
      errorsOf(
        { ...last, consumers: last.breaking, reason: 'x'.repeat(20) },
        removed,
      ),
    ).toEqual([decisionNotYours('group:default/playback')]);
  });
});
