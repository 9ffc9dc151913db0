import type { protos } from '@google-cloud/pubsub';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { GoogleClients, PUBSUB_CALL } from '../clients';
import { listByName } from './listPages';

type Topic = protos.google.pubsub.v1.ITopic;
type Subscription = protos.google.pubsub.v1.ISubscription;
type Schema = protos.google.pubsub.v1.ISchema;

const PAGE_SIZE = 1000;
// One page per call; the provisioner retries, not the client.
const LIST_CALL = { ...PUBSUB_CALL, autoPaginate: false } as any;

type ListOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  signal?: AbortSignal;
};

/** The projects' topics (1,000 per page), by resource name. */
export const listTopics = (projects: string[], options: ListOptions) =>
  listByName<Topic>(
    projects,
    'pubsub.topics.list',
    (project, pageToken) =>
      options.clients.publisher.listTopics(
        { project, pageSize: PAGE_SIZE, pageToken },
        LIST_CALL,
      ),
    options,
  );

/** The projects' subscriptions, pull and BigQuery ones, by resource name. */
export const listSubscriptions = (projects: string[], options: ListOptions) =>
  listByName<Subscription>(
    projects,
    'pubsub.subscriptions.list',
    (project, pageToken) =>
      options.clients.subscriber.listSubscriptions(
        { project, pageSize: PAGE_SIZE, pageToken },
        LIST_CALL,
      ),
    options,
  );

/** The projects' schemas with their latest revision's definition, by resource name. */
export const listSchemas = (projects: string[], options: ListOptions) =>
  listByName<Schema>(
    projects,
    'pubsub.schemas.list',
    (parent, pageToken) =>
      options.clients.schemas.listSchemas(
        { parent, view: 'FULL', pageSize: PAGE_SIZE, pageToken },
        LIST_CALL,
      ),
    options,
  );
