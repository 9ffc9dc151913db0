import { useCallback, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import { dataQualityApiRef } from '../../api/qualityApi';
import { partitionInWords } from '../checks/partitionWords';

/** The outcome of the last action, shown above the tab. */
export type QualityActionOutcome = {
  status: 'success' | 'danger';
  title: string;
  description?: string;
};

/** What is under way: a run, or marking one partition. */
export type PendingQualityAction =
  | { kind: 'run' }
  | { kind: 'mark'; partition: string };

function refusal(
  action: string,
  owner: string | undefined,
  error: unknown,
): QualityActionOutcome {
  if (error instanceof ResponseError && error.statusCode === 403) {
    return {
      status: 'danger',
      title: `You are not allowed to ${action}.`,
      description: `Only its owners${
        owner
          ? ` (${humanizeEntityRef(
              parseEntityRef(owner, { defaultKind: 'group' }),
              { defaultKind: 'group' },
            )})`
          : ''
      } or holders of the dataplatform.quality.run permission can. Ask them, or ask your Backstage admins for the permission.`,
    };
  }
  return {
    status: 'danger',
    title: `Could not ${action}.`,
    description: error instanceof Error ? error.message : String(error),
  };
}

/**
 * "Run checks now" and "Mark as normal" through the quality API, one at a
 * time, with a message for the outcome (a 403 says who may); `onDone`
 * reloads the tab after a success.
 */
export function useQualityActions(options: {
  endpointRef: string;
  owner?: string;
  granularity?: string;
  onDone(): void;
}) {
  const api = useApi(dataQualityApiRef);
  const { endpointRef, owner, granularity, onDone } = options;
  const [pending, setPending] = useState<PendingQualityAction>();
  const [outcome, setOutcome] = useState<QualityActionOutcome>();
  const name = parseEntityRef(endpointRef).name;

  const runChecks = useCallback(
    async (partition?: string) => {
      setPending({ kind: 'run' });
      try {
        const { queued } = await api.runChecks(endpointRef, partition);
        setOutcome({
          status: 'success',
          title: `Queued the checks of ${
            queued.partition
              ? `partition ${partitionInWords(queued.partition, granularity)}`
              : 'the table'
          }.`,
          description: queued.waitsUntil
            ? `The partition is still filling: its checks run once it is complete, from ${partitionInWords(
                queued.waitsUntil,
                'HOUR',
              )}.`
            : 'The backend runs queued checks in the warehouse on its next pass; the results appear here.',
        });
        onDone();
      } catch (error) {
        setOutcome(refusal(`run the checks of ${name}`, owner, error));
      } finally {
        setPending(undefined);
      }
    },
    [api, endpointRef, name, owner, granularity, onDone],
  );

  const markNormal = useCallback(
    async (partition: string) => {
      setPending({ kind: 'mark', partition });
      try {
        const { marked } = await api.markVolumeNormal(endpointRef, partition);
        setOutcome({
          status: 'success',
          title: `Marked ${marked.rows.toLocaleString(
            'en-US',
          )} rows in ${partitionInWords(
            marked.partition,
            granularity,
          )} as normal.`,
          description:
            'The volume band learns from it from now on, and the partition is checked again.',
        });
        onDone();
      } catch (error) {
        setOutcome(
          refusal(`mark partitions of ${name} as normal`, owner, error),
        );
      } finally {
        setPending(undefined);
      }
    },
    [api, endpointRef, name, owner, granularity, onDone],
  );

  return {
    runChecks,
    markNormal,
    pending,
    outcome,
    clearOutcome: useCallback(() => setOutcome(undefined), []),
  };
}
