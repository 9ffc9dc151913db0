import type { NameMappingConfig } from '../NameMappings';

/**
 * The backend README's mapping example: dbt-ol's three names of one model,
 * Airflow's tasks as their DAG, a warehouse's tables under BigQuery names,
 * and dbt's test audit tables ignored.
 */
export const README_MAPPINGS: NameMappingConfig = {
  jobs: [
    {
      namespace: 'dbt',
      name: '[^.]+\\.[^.]+\\.(?<project>[^.]+)\\.(?<model>[^.]+)\\.build\\.run',
      to: '$<project>.$<model>',
    },
    {
      namespace: 'dbt',
      name: 'model\\.(?<project>[^.]+)\\.(?<model>[^.]+)',
      to: '$<project>.$<model>',
    },
    { namespace: 'dbt', name: '(?<model>[^.]+)', to: 'jaffle_shop.$<model>' },
    {
      namespace: 'airflow-(prod|staging)',
      name: '(?<dag>[^.]+)\\.(?<task>.+)',
      to: '$<dag>',
      toNamespace: 'airflow',
    },
  ],
  datasets: [
    {
      namespace: 'postgres://warehouse:5432',
      name: 'analytics\\.(?<table>.+)',
      toNamespace: 'bigquery',
      to: 'tunewave-warehouse.analytics.$<table>',
    },
  ],
  ignoreDatasets: [{ name: '.*_dbt_test__audit\\..*' }],
};
