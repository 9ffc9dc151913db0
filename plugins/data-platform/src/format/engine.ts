const ENGINE_LABELS: Record<string, string> = {
  bigquery: 'BigQuery',
  dataflow: 'Dataflow',
  flink: 'Flink',
  scio: 'Scio',
  dbt: 'dbt',
  spark: 'Spark',
  beam: 'Apache Beam',
  airflow: 'Airflow',
  python: 'Python',
};

/** "Dataflow" for `dataflow`; unknown engines are shown as they are. */
export function engineLabel(engine: string | undefined): string {
  if (!engine) return 'unknown';
  return ENGINE_LABELS[engine] ?? engine;
}
