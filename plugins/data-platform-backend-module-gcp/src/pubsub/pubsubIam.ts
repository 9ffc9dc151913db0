import type { v1 } from '@google-cloud/pubsub';
import type { PolicyAccess } from '../access/iamPolicy';
import type { GoogleApiCaller } from '../calls/GoogleApiCaller';
import { PUBSUB_CALL } from '../clients';

/** A topic's or subscription's IAM policy (getIamPolicy / setIamPolicy on its resource name). */
export function pubsubPolicy(
  client: v1.PublisherClient | v1.SubscriberClient,
  kind: 'topics' | 'subscriptions',
  resource: string,
  caller: GoogleApiCaller,
  signal?: AbortSignal,
): PolicyAccess {
  return {
    read: async () => {
      const [policy] = await caller.call(
        { method: `pubsub.${kind}.getIamPolicy`, signal },
        () => client.getIamPolicy({ resource } as any, PUBSUB_CALL as any),
      );
      return policy;
    },
    write: policy =>
      caller.call({ method: `pubsub.${kind}.setIamPolicy`, signal }, () =>
        client.setIamPolicy({ resource, policy } as any, PUBSUB_CALL as any),
      ),
  };
}
