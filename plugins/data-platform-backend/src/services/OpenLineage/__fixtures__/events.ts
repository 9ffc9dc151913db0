/** OpenLineage events for tests, shaped like what Airflow and dbt send. */

export const PRODUCER =
  'https://github.com/OpenLineage/OpenLineage/tree/1.24.0/integration/airflow';
const SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET = {
  _producer: PRODUCER,
  _schemaURL:
    'https://openlineage.io/spec/facets/1-0-1/NominalTimeRunFacet.json',
};

export const bigquery = (table: string) => ({
  namespace: 'bigquery',
  name: `tunewave-analytics.listening.${table}`,
});

type Named = { namespace: string; name: string; facets?: object };

export function runEvent(options: {
  eventType?: string;
  runId?: string;
  eventTime?: string;
  job?: { namespace: string; name: string };
  inputs?: Named[];
  outputs?: Named[];
  runFacets?: object;
}): Record<string, any> {
  return {
    eventType: options.eventType ?? 'COMPLETE',
    eventTime: options.eventTime ?? '2026-11-26T10:05:00.000Z',
    producer: PRODUCER,
    schemaURL: SCHEMA_URL,
    run: {
      runId: options.runId ?? '0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d5e',
      facets: options.runFacets ?? {
        nominalTime: {
          ...FACET,
          nominalStartTime: '2026-11-26T09:00:00Z',
          nominalEndTime: '2026-11-26T10:00:00Z',
        },
      },
    },
    job: options.job ?? { namespace: 'airflow', name: 'plays-daily-aggregate' },
    inputs: options.inputs ?? [bigquery('plays_hourly')],
    outputs: options.outputs ?? [bigquery('plays_daily_by_track')],
  };
}

/** A column-lineage facet (1-2-0) mapping `column` <- `input.field`. */
export function columnLineage(
  columns: Record<
    string,
    {
      input: Named;
      field: string;
      type?: 'DIRECT' | 'INDIRECT';
      subtype?: string;
      masking?: boolean;
    }[]
  >,
) {
  return {
    columnLineage: {
      _producer: PRODUCER,
      _schemaURL:
        'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
      fields: Object.fromEntries(
        Object.entries(columns).map(([column, inputs]) => [
          column,
          {
            inputFields: inputs.map(i => ({
              namespace: i.input.namespace,
              name: i.input.name,
              field: i.field,
              transformations: [
                {
                  type: i.type ?? 'DIRECT',
                  subtype: i.subtype ?? 'IDENTITY',
                  masking: i.masking ?? false,
                },
              ],
            })),
          },
        ]),
      ),
    },
  };
}

export const ndjson = (events: object[]) =>
  `${events.map(e => JSON.stringify(e)).join('\n')}\n`;
