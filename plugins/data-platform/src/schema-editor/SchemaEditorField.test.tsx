import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  ColumnLineage,
  consumersByField,
  EventTypeEntity,
  LineageGraph,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { dataPlatformApiRef } from '../api/DataPlatformApi';
import { DataPlatformClient } from '../api/DataPlatformClient';
import { SchemaEditorField } from './SchemaEditorField';
import type { EventTypeSchemaValue, SchemaEditorUiOptions } from './types';

const trackPlayed: EventTypeEntity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: { name: 'track-played', namespace: 'default' },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    delivery: { partitioning: 'HOUR', retentionDays: 90 },
    schema: {
      revision: 3,
      compatibility: 'BACKWARD',
      fields: [
        { name: 'event_id', type: 'STRING', mode: 'REQUIRED' },
        {
          name: 'context',
          type: 'RECORD',
          mode: 'REQUIRED',
          fields: [
            {
              name: 'device',
              type: 'RECORD',
              mode: 'REQUIRED',
              fields: [{ name: 'os', type: 'STRING', mode: 'REQUIRED' }],
            },
          ],
        },
      ],
    },
  },
};

// The lineage API over HTTP: track-played lands in track-played-raw, read by
// sessionize (column lineage for `context`) and by royalties (none).
const BASE_URL = 'http://data-platform.test';
const node = (id: string, kind: string, depth: number) => ({
  id,
  kind,
  depth,
  title: id.split('/')[1],
  registered: true,
  upstreamCount: 0,
  downstreamCount: 0,
});
const graph = {
  root: 'eventtype:default/track-played',
  nodes: [
    node('eventtype:default/track-played', 'EventType', 0),
    node('dataendpoint:default/track-played-raw', 'DataEndpoint', 1),
    node('pipeline:default/sessionize', 'Pipeline', 2),
    node('pipeline:default/royalties', 'Pipeline', 2),
  ],
  edges: [
    {
      from: 'eventtype:default/track-played',
      to: 'dataendpoint:default/track-played-raw',
      source: 'declared' as const,
    },
    {
      from: 'dataendpoint:default/track-played-raw',
      to: 'pipeline:default/sessionize',
      source: 'declared' as const,
    },
    {
      from: 'dataendpoint:default/track-played-raw',
      to: 'pipeline:default/royalties',
      source: 'declared' as const,
    },
  ],
} as LineageGraph;
const columnLineage: ColumnLineage[] = [
  {
    node: 'dataendpoint:default/track-played-raw',
    column: 'context',
    upstream: [],
    downstream: [
      {
        from: {
          node: 'dataendpoint:default/track-played-raw',
          column: 'context',
        },
        to: { node: 'dataendpoint:default/sessions', column: 'device_os' },
        transformations: [{ type: 'DIRECT' }],
        via: 'pipeline:default/sessionize',
      },
    ],
  },
];
// The backend's consumer impact, built as the backend builds it.
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
        consumers: consumersByField({ paths, graph, columnLineage }),
        policy: 'requireDecision',
      });
    },
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** The field in a form: it gets back what it reports, as the scaffolder does. */
function Form(props: {
  initial?: EventTypeSchemaValue;
  options?: SchemaEditorUiOptions;
  formData?: Record<string, unknown>;
  /** Errors from the step's validation, as the scaffolder hands them down. */
  rawErrors?: string[];
  onValue?(value: EventTypeSchemaValue | undefined): void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <SchemaEditorField
      {...({} as any)}
      name="schema"
      schema={{ title: 'Event schema', type: 'object' }}
      uiSchema={{ 'ui:options': props.options ?? {} }}
      formData={value}
      rawErrors={props.rawErrors}
      formContext={{ formData: { ...props.formData, schema: value } }}
      onChange={(next: EventTypeSchemaValue | undefined) => {
        setValue(next);
        props.onValue?.(next);
      }}
    />
  );
}

/**
 * Renders the field and waits until it no longer says it is loading the
 * current schema: once the event type it evolves is fetched, or, when it
 * evolves none, once that empty lookup has settled.
 */
async function render(element: JSX.Element) {
  const client = new DataPlatformClient({
    discoveryApi: mockApis.discovery({ baseUrl: BASE_URL }),
    fetchApi: mockApis.fetch(),
  });
  const result = renderInTestApp(element, {
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [trackPlayed] })],
      [dataPlatformApiRef, client],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  await waitFor(() =>
    expect(
      screen.queryByText('Loading the current schema…'),
    ).not.toBeInTheDocument(),
  );
  return result;
}

const group = (label: string) =>
  screen.getByRole('group', { name: `Field ${label}` });

describe('SchemaEditorField', () => {
  it('adds fields and shows BigQuery naming problems next to the field as you type', async () => {
    const values: (EventTypeSchemaValue | undefined)[] = [];
    await render(<Form onValue={v => values.push(v)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add field' }));
    const name = within(group('#1')).getByLabelText('Name');
    await userEvent.type(name, 'user-id');
    expect(
      within(group('user-id')).getByText(
        'may contain only letters, digits and underscores',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(within(group('user-id')).getByLabelText('Name'));
    await userEvent.type(within(group('#1')).getByLabelText('Name'), 'select');
    expect(
      within(group('select')).getByText(
        '"select" is a reserved word in GoogleSQL; every query would have to quote it',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(within(group('select')).getByLabelText('Name'));
    await userEvent.type(within(group('#1')).getByLabelText('Name'), 'user_id');
    expect(
      within(group('user_id')).queryByText(/may contain|reserved/),
    ).not.toBeInTheDocument();
    await userEvent.selectOptions(
      within(group('user_id')).getByLabelText('PII'),
      'pseudonymize',
    );
    expect(values[values.length - 1]).toEqual({
      fields: [
        {
          name: 'user_id',
          type: 'STRING',
          mode: 'NULLABLE',
          pii: 'pseudonymize',
        },
      ],
      // What the Review step lists: one line per field, by path.
      fieldList: ['user_id: STRING, NULLABLE, PII pseudonymize'],
    });
  });

  it('edits a tree: nested RECORD fields, duplicates, reorder and remove', async () => {
    const values: (EventTypeSchemaValue | undefined)[] = [];
    await render(
      <Form
        initial={{
          fields: [
            { name: 'a', type: 'STRING' },
            { name: 'b', type: 'INT64' },
          ],
        }}
        onValue={v => values.push(v)}
      />,
    );
    await userEvent.selectOptions(
      within(group('b')).getByLabelText('Type'),
      'RECORD',
    );
    await userEvent.type(within(group('b.#1')).getByLabelText('Name'), 'os');
    await userEvent.click(
      within(group('b')).getByRole('button', { name: 'Add a field to b' }),
    );
    await userEvent.type(within(group('b.#2')).getByLabelText('Name'), 'OS');
    expect(
      within(group('b.OS')).getByText(
        'duplicates the name of b.os; names are case-insensitive',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(group('b.OS')).getByRole('button', { name: 'Remove b.OS' }),
    );
    await userEvent.click(
      within(group('b')).getByRole('button', { name: 'Move b up' }),
    );
    expect(values[values.length - 1]!.fields).toEqual([
      {
        name: 'b',
        type: 'RECORD',
        fields: [{ name: 'os', type: 'STRING', mode: 'NULLABLE' }],
      },
      { name: 'a', type: 'STRING' },
    ]);
    await userEvent.click(
      within(group('b')).getByRole('button', { name: 'Hide the fields of b' }),
    );
    expect(
      screen.queryByRole('group', { name: 'Field b.os' }),
    ).not.toBeInTheDocument();
  });

  it('imports a BigQuery schema, and says what is wrong with a bad document', async () => {
    await render(<Form />);
    await userEvent.click(screen.getByRole('button', { name: 'Import…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Format'),
      'bigquery',
    );
    const document = within(dialog).getByLabelText('Document');
    await userEvent.click(document);
    await userEvent.paste(
      '[{"name": "repo", "type": "RECORD", "fields": [{"name": "id", "type": "INTEGER"}]}, {"name": "select", "type": "STRING"}',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    expect(within(dialog).getByText(/not valid JSON/)).toBeInTheDocument();
    await userEvent.click(document);
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await userEvent.paste(']');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(within(group('repo.id')).getByLabelText('Type')).toHaveValue(
      'INT64',
    );
    expect(
      within(group('select')).getByText(/reserved word/),
    ).toBeInTheDocument();
  });

  it('exports the fields as a JSON Schema', async () => {
    await render(
      <Form
        initial={{
          fields: [{ name: 'event_id', type: 'STRING', mode: 'REQUIRED' }],
        }}
        options={{ eventTypeNameField: 'name' }}
        formData={{ name: 'playlist-followed' }}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Format'),
      'json-schema',
    );
    const text = (
      within(dialog).getByLabelText(
        'playlist-followed.schema.json',
      ) as HTMLTextAreaElement
    ).value;
    expect(JSON.parse(text)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'playlist-followed',
      required: ['event_id'],
    });
  });

  it('evolves an event type: loads its schema, shows the diff, the verdict and the consumers per field', async () => {
    const values: (EventTypeSchemaValue | undefined)[] = [];
    await render(
      <Form
        options={{ evolveFromField: 'eventType' }}
        formData={{ eventType: 'eventtype:default/track-played' }}
        onValue={v => values.push(v)}
      />,
    );
    const os = await screen.findByRole('group', {
      name: 'Field context.device.os',
    });
    expect(values[0]).toEqual({
      fields: trackPlayed.spec.schema.fields,
      entityRef: 'eventtype:default/track-played',
      baseRevision: 3,
      // What the Review step shows: the changes and the verdict.
      fieldList: [
        'event_id: STRING, REQUIRED',
        'context: RECORD, REQUIRED',
        'context.device: RECORD, REQUIRED',
        'context.device.os: STRING, REQUIRED',
      ],
      changes: [],
      verdict: 'Compatible under BACKWARD (checked against revision 3)',
    });
    expect(screen.getByText('Changes against revision 3')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Compatible under BACKWARD (checked against revision 3)',
    );

    await userEvent.selectOptions(within(os).getByLabelText('Type'), 'INT64');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Not BACKWARD compatible',
    );
    expect(
      screen.getByText(
        'context.device.os: type STRING -> INT64 is not BACKWARD compatible',
      ),
    ).toBeInTheDocument();
    expect(values[values.length - 1]).toMatchObject({
      changes: ['context.device.os: type STRING -> INT64'],
      verdict:
        'Not BACKWARD compatible (checked against revision 3): context.device.os: type STRING -> INT64 is not BACKWARD compatible',
    });
    const changes = screen.getByRole('table', { name: 'Schema changes' });
    const row = within(changes)
      .getByText('type STRING -> INT64')
      .closest('tr')!;
    expect(
      within(row).getByLabelText('context.device.os backward compatible: no'),
    ).toBeInTheDocument();
    // Column lineage: sessionize reads `context` and writes sessions.device_os.
    expect(await within(row).findByText('sessionize')).toBeInTheDocument();
    expect(within(row).getByText('sessions')).toBeInTheDocument();
    expect(within(row).getAllByText('uses this field')).toHaveLength(2);
    expect(within(row).getByText('royalties')).toBeInTheDocument();
    expect(within(row).getByText('reads the endpoint')).toBeInTheDocument();
  });

  it("shows the step's errors until the schema changes, then drops them", async () => {
    const refused =
      'Not BACKWARD compatible: context.device.os: type STRING -> INT64 is not BACKWARD compatible';
    await render(
      <Form
        initial={{ fields: [{ name: 'os', type: 'INT64' }] }}
        rawErrors={[refused]}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(refused);
    await userEvent.selectOptions(
      within(group('os')).getByLabelText('Type'),
      'STRING',
    );
    expect(screen.queryByText(refused)).not.toBeInTheDocument();
  });
});
