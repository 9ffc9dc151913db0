import type { protos } from '@google-cloud/pubsub';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { GoogleClients, PUBSUB_CALL } from '../clients';
import { findByName } from './listPages';

type Topic = protos.google.pubsub.v1.ITopic;
type Subscription = protos.google.pubsub.v1.ISubscription;
type Schema = protos.google.pubsub.v1.ISchema;

const PAGE_SIZE = 1000;
// One page per call; the provisioner retries, not the client.
const LIST_CALL = { ...PUBSUB_CALL, autoPaginate: false } as any;
const GET_CALL = PUBSUB_CALL as any;

type FindOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  signal?: AbortSignal;
  /** A project with at most this many of them asked about is read one by one. */
  readsOneByOneUpTo: number;
};

/** Topics by resource name, from topics.get or their projects' lists (1,000 per page). */
export const findTopics = (names: string[], options: FindOptions) =>
  findByName<Topic>(
    names,
    {
      list: {
        method: 'pubsub.topics.list',
        fetchPage: (project, pageToken) =>
          options.clients.publisher.listTopics(
            { project, pageSize: PAGE_SIZE, pageToken },
            LIST_CALL,
          ),
      },
      get: {
        method: 'pubsub.topics.get',
        fetch: topic => options.clients.publisher.getTopic({ topic }, GET_CALL),
      },
    },
    options,
  );

/** Subscriptions, pull and BigQuery ones, by resource name. */
export const findSubscriptions = (names: string[], options: FindOptions) =>
  findByName<Subscription>(
    names,
    {
      list: {
        method: 'pubsub.subscriptions.list',
        fetchPage: (project, pageToken) =>
          options.clients.subscriber.listSubscriptions(
            { project, pageSize: PAGE_SIZE, pageToken },
            LIST_CALL,
          ),
      },
      get: {
        method: 'pubsub.subscriptions.get',
        fetch: subscription =>
          options.clients.subscriber.getSubscription(
            { subscription },
            GET_CALL,
          ),
      },
    },
    options,
  );

/** Schemas with their latest revision's definition, by resource name. */
export const findSchemas = (names: string[], options: FindOptions) =>
  findByName<Schema>(
    names,
    {
      list: {
        method: 'pubsub.schemas.list',
        fetchPage: (parent, pageToken) =>
          options.clients.schemas.listSchemas(
            { parent, view: 'FULL', pageSize: PAGE_SIZE, pageToken },
            LIST_CALL,
          ),
      },
      get: {
        method: 'pubsub.schemas.get',
        fetch: name =>
          options.clients.schemas.getSchema({ name, view: 'FULL' }, GET_CALL),
      },
    },
    options,
  );
