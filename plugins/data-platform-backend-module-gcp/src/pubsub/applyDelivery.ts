import {
  DesiredResourceOf,
  generateAnonymizationTransform,
  ObservedResourceOf,
  PlannedChange,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { isAlreadyExists } from '../calls/googleErrors';
import { describeFailure } from '../calls/googleOperation';
import { PUBSUB_CALL } from '../clients';
import { applied, failed } from '../results';
import type { PubSubApplyOptions } from './applyTopic';
import { pubsubOperation } from './pubsubOperation';
import { bigQueryTableName, subscriptionName, topicName } from './pubsubNames';

export type DeliveryApplyOptions = Pick<
  PubSubApplyOptions,
  'clients' | 'caller'
> & {
  pseudonymizationKey: string;
  serviceAccountEmail?: string;
};

type DeliverySpec = DesiredResourceOf<'delivery'>['spec'];

/**
 * How a delivery writes: into the raw table by the table's own columns
 * (`useTableSchema`). The table is derived from the event type without the
 * dropped fields and with pseudonymized ones as STRING tokens, which is what
 * the transform emits; the topic's Avro schema still has the original
 * fields, so `useTopicSchema` would not match the transformed events.
 * Fields the table lacks are dropped; no Pub/Sub metadata columns.
 */
export function bigQueryConfigOf(
  spec: DeliverySpec,
  serviceAccountEmail?: string,
) {
  return {
    table: bigQueryTableName(spec.table),
    useTableSchema: true,
    dropUnknownFields: true,
    writeMetadata: false,
    ...(serviceAccountEmail ? { serviceAccountEmail } : {}),
  };
}

/** The single message transform that applies the schema's PII marks. */
export function messageTransformsOf(spec: DeliverySpec, key: string) {
  const { functionName, code } = generateAnonymizationTransform(spec.fields, {
    key,
  });
  return [{ javascriptUdf: { functionName, code } }];
}

// The subscription field each change sets (update masks are snake_case).
const SUBSCRIPTION_FIELDS: Partial<Record<PlannedChange['action'], string>> = {
  'set-delivery-table': 'bigquery_config',
  'set-transform': 'message_transforms',
  'set-labels': 'labels',
};

/**
 * Creates a delivery as a BigQuery subscription on the event type's topic
 * with the generated anonymization transform (an existing one is success),
 * or makes its planned changes (table, transform, labels) in one
 * subscriptions.patch.
 */
export async function applyDelivery(
  request: ApplyRequest & { desired: DesiredResourceOf<'delivery'> },
  options: DeliveryApplyOptions,
): Promise<ChangeResult[]> {
  const { desired, plan, signal } = request;
  const { subscriber } = options.clients;
  const spec = desired.spec;
  const name = subscriptionName(spec.project, spec.subscription);
  const op = pubsubOperation(name);

  const create = plan.changes.find(c => c.action === 'create');
  if (create) {
    try {
      await options.caller.call(
        { method: 'pubsub.subscriptions.create', signal },
        () =>
          subscriber.createSubscription(
            {
              name,
              topic: topicName(spec.project, spec.topic),
              labels: spec.labels,
              bigqueryConfig: bigQueryConfigOf(
                spec,
                options.serviceAccountEmail,
              ),
              messageTransforms: messageTransformsOf(
                spec,
                options.pseudonymizationKey,
              ),
            },
            PUBSUB_CALL as any,
          ),
      );
      return [applied(create)];
    } catch (error) {
      return [
        isAlreadyExists(error)
          ? applied(create)
          : failed(
              create,
              describeFailure(
                {
                  ...op(
                    'create the delivery subscription',
                    'pubsub.subscriptions.create',
                  ),
                  role: 'roles/pubsub.editor on the project; the writing service account (the Pub/Sub service agent by default) needs roles/bigquery.dataEditor on the table',
                },
                error,
              ),
            ),
      ];
    }
  }

  const observed = request.observed as
    | ObservedResourceOf<'delivery'>
    | undefined;
  const updates = plan.changes.filter(c => SUBSCRIPTION_FIELDS[c.action]);
  const results = plan.changes
    .filter(c => !SUBSCRIPTION_FIELDS[c.action])
    .map(c => failed(c, `${c.action} is not a change of a delivery`));
  if (!updates.length) return results;
  const paths = [...new Set(updates.map(c => SUBSCRIPTION_FIELDS[c.action]!))];
  const subscription: Record<string, unknown> = { name };
  if (paths.includes('bigquery_config')) {
    subscription.bigqueryConfig = bigQueryConfigOf(
      spec,
      options.serviceAccountEmail,
    );
  }
  if (paths.includes('message_transforms')) {
    subscription.messageTransforms = messageTransformsOf(
      spec,
      options.pseudonymizationKey,
    );
  }
  if (paths.includes('labels')) {
    subscription.labels = { ...observed?.spec.labels, ...spec.labels };
  }
  try {
    await options.caller.call(
      { method: 'pubsub.subscriptions.patch', signal },
      () =>
        subscriber.updateSubscription(
          { subscription, updateMask: { paths } },
          PUBSUB_CALL as any,
        ),
    );
    return [...results, ...updates.map(applied)];
  } catch (error) {
    const message = describeFailure(
      op('update the delivery subscription', 'pubsub.subscriptions.update'),
      error,
    );
    return [...results, ...updates.map(c => failed(c, message))];
  }
}
