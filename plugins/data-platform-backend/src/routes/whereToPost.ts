import { NotFoundError } from '@backstage/errors';
import express from 'express';

/**
 * The plugin's answer to a path it has no route for: a 404 that says where
 * OpenLineage clients post, since a client configured with the wrong URL
 * only logs the status (dbt-ol logs a warning and goes on, and a whole
 * run's lineage is lost). Mount it after every route of the plugin.
 */
export function whereToPost(): express.RequestHandler {
  return (req, _res, next) => {
    next(
      new NotFoundError(
        `The data-platform plugin has no route ${req.method} ${
          req.baseUrl
        }${req.path.slice(
          0,
          200,
        )}. OpenLineage clients post events with their url set to https://<backstage>/api/data-platform/openlineage (OPENLINEAGE_URL for the Python client, Airflow and dbt-ol; transport.url for the Java client, Spark and Flink; no endpoint needed): they then post to ${
          req.baseUrl
        }/api/v1/lineage or ${
          req.baseUrl
        }/openlineage. See the plugin's README.`,
      ),
    );
  };
}
