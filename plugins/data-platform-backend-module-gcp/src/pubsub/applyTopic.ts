import {
  AccessModel,
  desiredBindings,
  DesiredResourceOf,
  ObservedResourceOf,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { applyAccessChanges, grantOnCreate } from '../access/applyAccess';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { isAlreadyExists } from '../calls/googleErrors';
import { describeFailure } from '../calls/googleOperation';
import { GoogleClients, PUBSUB_CALL } from '../clients';
import { applied, failed } from '../results';
import { pubsubPolicy } from './pubsubIam';
import { pubsubOperation } from './pubsubOperation';
import { schemaName, topicName } from './pubsubNames';

const DAY_SECONDS = 86_400;

export type PubSubApplyOptions = {
  clients: GoogleClients;
  caller: GoogleApiCaller;
  access: AccessModel;
};

type TopicSpec = DesiredResourceOf<'pubsub-topic'>['spec'];

const retentionOf = (spec: TopicSpec) =>
  spec.messageRetentionDays
    ? { seconds: Math.round(spec.messageRetentionDays * DAY_SECONDS) }
    : null;

const schemaSettingsOf = (spec: TopicSpec) =>
  spec.schema
    ? {
        schema: schemaName(spec.schema.project, spec.schema.schema),
        encoding: spec.schema.encoding,
      }
    : null;

// The topic field each change sets (update masks are snake_case).
const TOPIC_FIELDS: Partial<Record<PlannedChange['action'], string>> = {
  'set-message-retention': 'message_retention_duration',
  'set-topic-schema': 'schema_settings',
  'set-labels': 'labels',
};

/**
 * Creates a topic with its retention, schema settings and labels (an
 * existing one is success) and grants publishers and subscribers; or makes
 * its planned changes in one topics.patch whose update mask names exactly
 * the fields changed, then grants and revokes in one IAM policy update.
 */
export async function applyTopic(
  request: ApplyRequest & { desired: DesiredResourceOf<'pubsub-topic'> },
  options: PubSubApplyOptions,
): Promise<ChangeResult[]> {
  const { desired, plan, signal } = request;
  const { publisher } = options.clients;
  const spec = desired.spec;
  const name = topicName(spec.project, spec.topic);
  const op = pubsubOperation(name);
  const policy = pubsubPolicy(
    publisher,
    'topics',
    name,
    options.caller,
    signal,
  );
  const accessOp = {
    ...op('change who may use the topic', 'pubsub.topics.setIamPolicy'),
    role: 'roles/pubsub.admin on the project (or the topic)',
  };

  const create = plan.changes.find(c => c.action === 'create');
  if (create) {
    try {
      const retention = retentionOf(spec);
      const schemaSettings = schemaSettingsOf(spec);
      await options.caller.call(
        { method: 'pubsub.topics.create', signal },
        () =>
          publisher.createTopic(
            {
              name,
              labels: spec.labels,
              ...(retention ? { messageRetentionDuration: retention } : {}),
              ...(schemaSettings ? { schemaSettings } : {}),
            },
            PUBSUB_CALL as any,
          ),
      );
    } catch (error) {
      if (!isAlreadyExists(error)) {
        return [
          failed(
            create,
            describeFailure(
              op('create the topic', 'pubsub.topics.create'),
              error,
            ),
          ),
        ];
      }
    }
    const grantFailure = await grantOnCreate(
      desiredBindings('pubsub-topic', spec.access, options.access),
      policy,
      accessOp,
    );
    return [
      grantFailure
        ? failed(
            create,
            `The topic exists, but access was not granted. ${grantFailure}`,
          )
        : applied(create),
    ];
  }

  const observed = request.observed as
    | ObservedResourceOf<'pubsub-topic'>
    | undefined;
  const updates = plan.changes.filter(c => TOPIC_FIELDS[c.action]);
  const results: ChangeResult[] = [];
  if (updates.length) {
    const paths = [...new Set(updates.map(c => TOPIC_FIELDS[c.action]!))];
    const topic: Record<string, unknown> = { name };
    if (paths.includes('message_retention_duration')) {
      topic.messageRetentionDuration = retentionOf(spec);
    }
    if (paths.includes('schema_settings')) {
      topic.schemaSettings = schemaSettingsOf(spec);
    }
    if (paths.includes('labels')) {
      // The whole map is replaced: labels others set are sent back.
      topic.labels = { ...observed?.spec.labels, ...spec.labels };
    }
    try {
      await options.caller.call({ method: 'pubsub.topics.patch', signal }, () =>
        publisher.updateTopic(
          { topic, updateMask: { paths } },
          PUBSUB_CALL as any,
        ),
      );
      results.push(...updates.map(applied));
    } catch (error) {
      const message = describeFailure(
        op('update the topic', 'pubsub.topics.update'),
        error,
      );
      results.push(...updates.map(c => failed(c, message)));
    }
  }
  for (const change of plan.changes) {
    if (
      !TOPIC_FIELDS[change.action] &&
      change.action !== 'grant' &&
      change.action !== 'revoke'
    ) {
      results.push(
        failed(change, `${change.action} is not a change of a topic`),
      );
    }
  }
  results.push(...(await applyAccessChanges(plan.changes, policy, accessOp)));
  return results;
}
