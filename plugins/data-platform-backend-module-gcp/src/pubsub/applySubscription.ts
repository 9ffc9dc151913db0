import {
  desiredBindings,
  DesiredResourceOf,
  ObservedResourceOf,
} from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { applyAccessChanges, grantOnCreate } from '../access/applyAccess';
import { isAlreadyExists } from '../calls/googleErrors';
import { describeFailure } from '../calls/googleOperation';
import { PUBSUB_CALL } from '../clients';
import { applied, failed } from '../results';
import type { PubSubApplyOptions } from './applyTopic';
import { pubsubPolicy } from './pubsubIam';
import { pubsubOperation } from './pubsubOperation';
import { subscriptionName, topicName } from './pubsubNames';

/**
 * Creates a pipeline's pull subscription (an existing one is success) and
 * lets the pipeline's owners pull from it; or sets its labels and grants
 * and revokes subscribers.
 */
export async function applySubscription(
  request: ApplyRequest & { desired: DesiredResourceOf<'pubsub-subscription'> },
  options: PubSubApplyOptions,
): Promise<ChangeResult[]> {
  const { desired, plan, signal } = request;
  const { subscriber } = options.clients;
  const spec = desired.spec;
  const name = subscriptionName(spec.project, spec.subscription);
  const op = pubsubOperation(name);
  const policy = pubsubPolicy(
    subscriber,
    'subscriptions',
    name,
    options.caller,
    signal,
  );
  const accessOp = {
    ...op(
      'change who may pull from the subscription',
      'pubsub.subscriptions.setIamPolicy',
    ),
    role: 'roles/pubsub.admin on the project (or the subscription)',
  };
  const results: ChangeResult[] = [];
  for (const change of plan.changes) {
    if (change.action === 'create') {
      try {
        await options.caller.call(
          { method: 'pubsub.subscriptions.create', signal },
          () =>
            subscriber.createSubscription(
              {
                name,
                topic: topicName(spec.project, spec.topic),
                labels: spec.labels,
              },
              PUBSUB_CALL as any,
            ),
        );
      } catch (error) {
        if (!isAlreadyExists(error)) {
          results.push(
            failed(
              change,
              describeFailure(
                {
                  ...op(
                    'create the subscription',
                    'pubsub.subscriptions.create',
                  ),
                  role: 'roles/pubsub.editor on the project (and pubsub.topics.attachSubscription on the topic)',
                },
                error,
              ),
            ),
          );
          continue;
        }
      }
      const grantFailure = await grantOnCreate(
        desiredBindings(
          'pubsub-subscription',
          { readers: spec.subscribers },
          options.access,
        ),
        policy,
        accessOp,
      );
      results.push(
        grantFailure
          ? failed(
              change,
              `The subscription exists, but access was not granted. ${grantFailure}`,
            )
          : applied(change),
      );
    } else if (change.action === 'set-labels') {
      const observed = request.observed as
        | ObservedResourceOf<'pubsub-subscription'>
        | undefined;
      try {
        await options.caller.call(
          { method: 'pubsub.subscriptions.patch', signal },
          () =>
            subscriber.updateSubscription(
              {
                subscription: {
                  name,
                  labels: { ...observed?.spec.labels, ...spec.labels },
                },
                updateMask: { paths: ['labels'] },
              },
              PUBSUB_CALL as any,
            ),
        );
        results.push(applied(change));
      } catch (error) {
        results.push(
          failed(
            change,
            describeFailure(
              op(
                'set the labels of the subscription',
                'pubsub.subscriptions.update',
              ),
              error,
            ),
          ),
        );
      }
    } else if (change.action !== 'grant' && change.action !== 'revoke') {
      results.push(
        failed(change, `${change.action} is not a change of a subscription`),
      );
    }
  }
  results.push(...(await applyAccessChanges(plan.changes, policy, accessOp)));
  return results;
}
