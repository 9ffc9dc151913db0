import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import type { Random } from '../random';

/** The OpenLineage spec version the events follow. */
export const OPENLINEAGE_SCHEMA_URL =
  'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';

const FACETS = 'https://openlineage.io/spec/facets';
/** `_schemaURL` of each facet the generator writes (the versions in ../shared/openlineage). */
export const FACET_SCHEMA_URLS = {
  nominalTime: `${FACETS}/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet`,
  parent: `${FACETS}/1-2-0/ParentRunFacet.json#/$defs/ParentRunFacet`,
  errorMessage: `${FACETS}/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`,
  processing_engine: `${FACETS}/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet`,
  jobType: `${FACETS}/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`,
  schema: `${FACETS}/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  columnLineage: `${FACETS}/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
  outputStatistics: `${FACETS}/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet`,
  dataQualityAssertions: `${FACETS}/1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet`,
} as const;

/** A facet: its body plus the `_producer` and `_schemaURL` every facet carries. */
export function facet(
  producer: string,
  key: keyof typeof FACET_SCHEMA_URLS,
  body: object,
): Record<string, unknown> {
  return { _producer: producer, _schemaURL: FACET_SCHEMA_URLS[key], ...body };
}

/** What emits a job's events, by the engine it runs on. */
export interface Integration {
  producer: string;
  integration: string;
  jobType: string;
  engine: { name: string; version: string };
  language: string;
}

const OL = 'https://github.com/OpenLineage/OpenLineage/tree/1.29.0/integration';
const AIRFLOW: Integration = {
  producer:
    'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0',
  integration: 'AIRFLOW',
  jobType: 'TASK',
  engine: { name: 'Airflow', version: '2.10.4' },
  language: 'PYTHON',
};
const INTEGRATIONS: Record<string, Integration> = {
  dbt: {
    producer: `${OL}/dbt`,
    integration: 'DBT',
    jobType: 'MODEL',
    engine: { name: 'dbt', version: '1.8.7' },
    language: 'SQL',
  },
  flink: {
    producer: `${OL}/flink`,
    integration: 'FLINK',
    jobType: 'JOB',
    engine: { name: 'flink', version: '1.19.1' },
    language: 'JAVA',
  },
  dataflow: {
    producer: `${OL}/java`,
    integration: 'DATAFLOW',
    jobType: 'JOB',
    engine: { name: 'dataflow', version: '2.61.0' },
    language: 'JAVA',
  },
  scio: {
    producer: `${OL}/java`,
    integration: 'SCIO',
    jobType: 'JOB',
    engine: { name: 'scio', version: '0.14.9' },
    language: 'SCALA',
  },
  notebook: {
    producer:
      'https://github.com/OpenLineage/OpenLineage/tree/1.29.0/client/python',
    integration: 'JUPYTER',
    jobType: 'QUERY',
    engine: { name: 'jupyter', version: '4.3.4' },
    language: 'PYTHON',
  },
};

export function integrationOf(engine: string): Integration {
  if (engine === 'beam') return INTEGRATIONS.dataflow;
  return INTEGRATIONS[engine] ?? AIRFLOW;
}

/** The schema facet's fields for a catalog schema (types as BigQuery names them). */
export function schemaFacetFields(fields: SchemaField[]): object[] {
  return fields.map((field, i) => ({
    name: field.name,
    type: field.type,
    ...(field.description ? { description: field.description } : {}),
    ordinal_position: i + 1,
    ...(field.fields ? { fields: schemaFacetFields(field.fields) } : {}),
  }));
}

const ERRORS: Record<string, string[]> = {
  SQL: [
    'Database Error in model {job}: Name country not found inside source at [12:7]',
    'Compilation Error in model {job}: depends on a node which was not found',
  ],
  PYTHON: [
    'google.api_core.exceptions.BadRequest: 400 Resources exceeded during query execution: Not enough resources for query planning',
    'google.api_core.exceptions.Forbidden: 403 Access Denied: Table {input}: User does not have bigquery.tables.getData permission',
    'airflow.exceptions.AirflowSensorTimeout: Sensor has timed out; run duration of 10800 seconds',
  ],
  JAVA: [
    'java.lang.OutOfMemoryError: Java heap space',
    'Workflow failed. Causes: S04:Read input+Parse+Write failed., The job failed because a work item has failed 4 times.',
  ],
  SCALA: [
    'com.spotify.scio.bigquery.BigQueryIOException: Error reading table {input}',
    'org.apache.beam.sdk.util.UserCodeException: java.lang.NullPointerException',
  ],
};

/** A plausible failure of a job, with a short stack trace. */
export function errorMessageFacet(
  integration: Integration,
  job: string,
  input: string,
  random: Random,
): Record<string, unknown> {
  const language = integration.language;
  const message = random
    .pick(ERRORS[language] ?? ERRORS.PYTHON)
    .replace('{job}', job)
    .replace('{input}', input);
  const stackTrace =
    language === 'PYTHON'
      ? `Traceback (most recent call last):\n  File "/opt/airflow/dags/${job}.py", line 88, in execute\n${message}`
      : `${message}\n\tat ${
          language === 'SCALA'
            ? 'com.tunewave.pipelines'
            : 'com.tunewave.dataflow'
        }.Main.run(Main.java:42)`;
  return facet(integration.producer, 'errorMessage', {
    message,
    programmingLanguage: language,
    ...(language === 'SQL' ? {} : { stackTrace }),
  });
}
