import { BigQuery, BigQueryOptions } from '@google-cloud/bigquery';
import { ClientConfig, PubSub, v1 } from '@google-cloud/pubsub';
import type { AuthClient } from 'google-auth-library';

/** The official clients the provisioner calls. */
export type GoogleClients = {
  /** A BigQuery client whose jobs (INFORMATION_SCHEMA queries) run in the project. */
  bigQuery(project: string): BigQuery;
  publisher: v1.PublisherClient;
  subscriber: v1.SubscriberClient;
  schemas: v1.SchemaServiceClient;
};

/** How the clients authenticate and connect. */
export type GoogleClientOptions = {
  /** The Pub/Sub clients' default project (resource names carry their own). */
  projectId?: string;
  /** Default: Application Default Credentials (workload identity, GOOGLE_APPLICATION_CREDENTIALS). */
  authClient?: AuthClient;
  /**
   * Pub/Sub over HTTP/JSON instead of gRPC. Off in production; tests turn it
   * on to answer the REST API.
   */
  pubSubOverRest?: boolean;
  /**
   * Where the clients send their requests instead of Google's public
   * endpoints, e.g. a Private Service Connect endpoint, or a local fake of
   * the REST APIs in a benchmark: BigQuery's as `https://host[:port]`,
   * Pub/Sub's as `host:port`; `http://` for plain HTTP (Pub/Sub then needs
   * `pubSubOverRest`).
   */
  apiEndpoints?: { bigQuery?: string; pubSub?: string };
};

/**
 * BigQuery client options. The client's own retries are off: every call is
 * retried by the provisioner's one policy (`GoogleApiCaller`). BigQuery has
 * no official emulator; the client itself honours `BIGQUERY_EMULATOR_HOST`.
 */
export function bigQueryOptions(
  project: string,
  options: GoogleClientOptions,
): BigQueryOptions {
  return {
    projectId: project,
    ...(options.authClient ? { authClient: options.authClient } : {}),
    ...(options.apiEndpoints?.bigQuery
      ? { apiEndpoint: options.apiEndpoints.bigQuery }
      : {}),
    retryOptions: { autoRetry: false },
  };
}

/**
 * Pub/Sub client options. No `apiEndpoint` and no `fallback` unless asked
 * for: with `PUBSUB_EMULATOR_HOST` set, the PubSub class points every
 * client at the emulator (plain gRPC, no TLS) by itself, and either option
 * would defeat that.
 */
export function pubSubOptions(options: GoogleClientOptions): ClientConfig {
  const config: ClientConfig & { fallback?: boolean; protocol?: string } = {
    ...(options.projectId ? { projectId: options.projectId } : {}),
    ...(options.authClient ? { authClient: options.authClient } : {}),
  };
  const endpoint = options.apiEndpoints?.pubSub;
  if (endpoint) {
    config.apiEndpoint = endpoint;
    // The REST transport speaks HTTPS unless told otherwise.
    if (endpoint.startsWith('http://')) config.protocol = 'http';
  }
  if (options.pubSubOverRest) config.fallback = true;
  return config;
}

/**
 * Per-call options of the Pub/Sub clients: no retries of their own (the
 * provisioner retries), as for BigQuery.
 */
export const PUBSUB_CALL = { retry: null } as const;

/**
 * The options of the generated v1 Pub/Sub clients as the PubSub class
 * resolves them: with `PUBSUB_EMULATOR_HOST` set, the emulator's host and
 * port and plain-text credentials. Every call names its project in the
 * resource name, so no default project is looked up.
 */
export function pubSubClientConfig(
  options: GoogleClientOptions,
): ConstructorParameters<typeof v1.PublisherClient>[0] {
  return new PubSub(pubSubOptions(options)).options as ConstructorParameters<
    typeof v1.PublisherClient
  >[0];
}

/** The clients, connected as configured (and to the Pub/Sub emulator when its variable is set). */
export function createGoogleClients(
  options: GoogleClientOptions,
): GoogleClients {
  const config = pubSubClientConfig(options);
  const bigQueries = new Map<string, BigQuery>();
  return {
    bigQuery(project) {
      let client = bigQueries.get(project);
      if (!client) {
        client = new BigQuery(bigQueryOptions(project, options));
        bigQueries.set(project, client);
      }
      return client;
    },
    publisher: new v1.PublisherClient(config),
    subscriber: new v1.SubscriberClient(config),
    schemas: new v1.SchemaServiceClient(config),
  };
}
