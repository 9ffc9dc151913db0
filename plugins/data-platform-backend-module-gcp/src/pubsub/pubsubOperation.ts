import type { GoogleOperation } from '../calls/googleOperation';

/** Describes calls on one Pub/Sub resource, which roles/pubsub.editor allows unless said otherwise. */
export const pubsubOperation =
  (name: string) =>
  (description: string, permission: string): GoogleOperation => ({
    description: `${description} ${name}`,
    permission,
    role: 'roles/pubsub.editor on the project',
  });
