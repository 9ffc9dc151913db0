import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { mapEventNames } from './mapEventNames';
import { NameMappings } from './NameMappings';
import { README_MAPPINGS } from './__fixtures__/dbtMappings';
import { bigquery, columnLineage, runEvent } from './__fixtures__/events';

const mappings = new NameMappings(README_MAPPINGS);

describe("the README's mapping example", () => {
  it('is the one tested here', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../../README.md'),
      'utf8',
    );
    const block =
      /```yaml\n(dataPlatform:\n {2}openLineage:\n {4}mappings:[\s\S]*?)```/.exec(
        readme,
      );
    expect(block).not.toBeNull();
    const config = parseDocument(block![1]).toJS();
    expect(config.dataPlatform.openLineage.mappings).toEqual(README_MAPPINGS);
  });
});

describe('NameMappings', () => {
  it("turns dbt-ol's three names of one model into one job", () => {
    for (const name of [
      'analytics.main.jaffle_shop.customers.build.run',
      'model.jaffle_shop.customers',
      'customers',
    ]) {
      expect(mappings.job({ namespace: 'dbt', name })).toEqual({
        namespace: 'dbt',
        name: 'jaffle_shop.customers',
      });
    }
    // Rules match whole names, in their namespace only.
    expect(mappings.job({ namespace: 'dbt', name: 'a.b.c' })).toEqual({
      namespace: 'dbt',
      name: 'a.b.c',
    });
    expect(mappings.job({ namespace: 'spark', name: 'customers' })).toEqual({
      namespace: 'spark',
      name: 'customers',
    });
  });

  it("turns Airflow's tasks into their DAG's job", () => {
    expect(
      mappings.job({
        namespace: 'airflow-prod',
        name: 'plays_daily.aggregate',
      }),
    ).toEqual({ namespace: 'airflow', name: 'plays_daily' });
    // Named groups of the namespace's expression count too.
    const byEnvironment = new NameMappings({
      jobs: [
        {
          namespace: 'airflow-(?<env>prod|staging)',
          name: '(?<dag>[^.]+)\\..+',
          to: '$<dag>',
          toNamespace: 'airflow-$<env>-dags',
        },
      ],
      datasets: [],
      ignoreDatasets: [],
    });
    expect(
      byEnvironment.job({ namespace: 'airflow-staging', name: 'plays.load' }),
    ).toEqual({ namespace: 'airflow-staging-dags', name: 'plays' });
  });

  it('renames datasets and leaves out ignored ones', () => {
    expect(
      mappings.dataset({
        namespace: 'postgres://warehouse:5432',
        name: 'analytics.plays',
      }),
    ).toEqual({
      namespace: 'bigquery',
      name: 'tunewave-warehouse.analytics.plays',
    });
    expect(
      mappings.dataset({
        namespace: 'bigquery',
        name: 'analytics.main_dbt_test__audit.not_null_customers_id',
      }),
    ).toBeUndefined();
  });

  it('names the rule whose expression does not compile', () => {
    expect(
      () =>
        new NameMappings({
          ...README_MAPPINGS,
          datasets: [{ name: 'ok' }, { name: '(unclosed' }],
        }),
    ).toThrow(
      /^dataPlatform\.openLineage\.mappings\.datasets\[1\]\.name is not a regular expression/,
    );
  });
});

describe('mapEventNames', () => {
  it('maps the job, inputs, outputs and column lineage, leaving ignored datasets out, without changing the event', () => {
    const audit = {
      namespace: 'bigquery',
      name: 'analytics.main_dbt_test__audit.unique_orders',
    };
    const source = {
      namespace: 'postgres://warehouse:5432',
      name: 'analytics.plays',
    };
    const event = runEvent({
      job: { namespace: 'dbt', name: 'model.jaffle_shop.plays_daily' },
      inputs: [source, audit],
      outputs: [
        {
          ...bigquery('plays_daily'),
          facets: columnLineage({
            streams: [
              { input: source, field: 'play_id' },
              { input: audit, field: 'id' },
            ],
          }),
        },
      ],
    });
    const before = structuredClone(event);
    const mapped = mapEventNames('RunEvent', event, mappings)!;
    expect(event).toEqual(before);
    expect(mapped.job).toEqual({
      namespace: 'dbt',
      name: 'jaffle_shop.plays_daily',
    });
    const warehouse = {
      namespace: 'bigquery',
      name: 'tunewave-warehouse.analytics.plays',
    };
    expect(mapped.inputs).toEqual([warehouse]);
    expect(
      mapped.outputs[0].facets.columnLineage.fields.streams.inputFields,
    ).toEqual([expect.objectContaining({ ...warehouse, field: 'play_id' })]);
    expect(mapEventNames('RunEvent', runEvent({}), mappings)).toBeUndefined();
    expect(
      mapEventNames('RunEvent', event, new NameMappings()),
    ).toBeUndefined();
  });
});
