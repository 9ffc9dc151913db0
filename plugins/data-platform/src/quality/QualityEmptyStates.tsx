import { Alert } from '@backstage/ui';
import type { DataEndpointEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { MissingSpecField } from '../components/MissingSpecField';
import { endpointTypeLabel } from '../format/endpointLocation';

/** The YAML that declares checks, for endpoints that declare none. */
export const DECLARE_CHECKS_YAML = `spec:
  quality:
    - type: freshness
      maxDelay: PT2H
    - type: null_rate
      column: user_id
      maxNullRate: 0.01
      severity: critical
    - type: volume_anomaly`;

/** When declared checks run and what they feed, as the backend does it. */
export const CHECKS_RUN_WHEN =
  "Declared checks run in the endpoint's warehouse when a run writes a partition and every hour; results that dbt, Great Expectations and Soda report through OpenLineage count too. Both feed the endpoint's quality score.";

/**
 * Says that no runner checks this endpoint: a table no installed runner
 * handles, or a store that runners do not check (topics, GCS paths).
 */
export function NoRunnerNotice(props: { entity: DataEndpointEntity }) {
  const type = props.entity.spec?.type;
  const description =
    type && type !== 'bigquery-table'
      ? `Quality runners check tables; this endpoint is a ${endpointTypeLabel(
          type,
        )}, so its checks are not run. Results that dbt, Great Expectations or Soda report through OpenLineage still appear here.`
      : 'Results that dbt, Great Expectations or Soda report through OpenLineage still appear here.';
  return (
    <Alert
      status="info"
      icon
      title={
        type && type !== 'bigquery-table'
          ? 'No quality runner checks this endpoint'
          : 'No quality runner handles this table: install the BigQuery or local-warehouse module'
      }
      description={description}
    />
  );
}

/** How to declare checks; the timeliness and stewardship parts of the score do not need any. */
export function NoChecksDeclared() {
  return (
    <MissingSpecField
      title="No quality checks declared"
      description={`${CHECKS_RUN_WHEN} Timeliness and stewardship are scored without checks.`}
      yaml={DECLARE_CHECKS_YAML}
    />
  );
}
