import type { DesiredResourceOf } from '@dataplatform/backstage-plugin-data-platform-common';
import type { ApplyRequest } from '@dataplatform/backstage-plugin-data-platform-node';
import type { ChangeResult } from '@dataplatform/backstage-plugin-data-platform-common';
import { isAlreadyExists, isNotFound } from '../calls/googleErrors';
import { describeFailure, GoogleOperation } from '../calls/googleOperation';
import { PUBSUB_CALL } from '../clients';
import { alreadySo, applied, failed } from '../results';
import type { PubSubApplyOptions } from './applyTopic';
import { schemaName } from './pubsubNames';

const REVISION_FIELD = 'revisions.';

/**
 * Creates a Pub/Sub Avro schema with the catalog's definition as its first
 * revision (an existing one is success), or, in the plan's order, deletes
 * the revisions it prunes (one already gone is skipped) and commits the new
 * revision. Pruned revisions are the only thing the provisioner ever
 * deletes.
 */
export async function applySchema(
  request: ApplyRequest & { desired: DesiredResourceOf<'pubsub-schema'> },
  options: Pick<PubSubApplyOptions, 'clients' | 'caller'>,
): Promise<ChangeResult[]> {
  const { desired, plan, signal } = request;
  const { schemas } = options.clients;
  const { project, schema, definition } = desired.spec;
  const name = schemaName(project, schema);
  const op = (description: string, permission: string): GoogleOperation => ({
    description,
    permission,
    role: 'roles/pubsub.editor on the project',
  });
  const results: ChangeResult[] = [];
  for (const change of plan.changes) {
    try {
      if (change.action === 'create') {
        try {
          await options.caller.call(
            { method: 'pubsub.schemas.create', signal },
            () =>
              schemas.createSchema(
                {
                  parent: `projects/${project}`,
                  schemaId: schema,
                  schema: { name, type: 'AVRO', definition },
                },
                PUBSUB_CALL as any,
              ),
          );
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
        }
        results.push(applied(change));
      } else if (change.action === 'prune-schema-revision') {
        const revision = change.field.slice(REVISION_FIELD.length);
        try {
          await options.caller.call(
            { method: 'pubsub.schemas.deleteRevision', signal },
            () =>
              schemas.deleteSchemaRevision(
                { name: `${name}@${revision}` },
                PUBSUB_CALL as any,
              ),
          );
          results.push(applied(change));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          results.push(alreadySo(change));
        }
      } else if (change.action === 'commit-schema-revision') {
        await options.caller.call(
          { method: 'pubsub.schemas.commit', signal },
          () =>
            schemas.commitSchema(
              { name, schema: { name, type: 'AVRO', definition } },
              PUBSUB_CALL as any,
            ),
        );
        results.push(applied(change));
      } else {
        results.push(
          failed(
            change,
            `${change.action} is not a change of a Pub/Sub schema`,
          ),
        );
      }
    } catch (error) {
      const operation =
        {
          create: op(`create the schema ${name}`, 'pubsub.schemas.create'),
          'prune-schema-revision': op(
            `delete a revision of the schema ${name}`,
            'pubsub.schemas.delete',
          ),
        }[change.action as string] ??
        op(`commit a revision of the schema ${name}`, 'pubsub.schemas.commit');
      results.push(failed(change, describeFailure(operation, error)));
    }
  }
  return results;
}
