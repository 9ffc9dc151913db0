import { Fragment } from 'react';
import countBy from 'lodash/countBy';
import { Link, Text } from '@backstage/ui';
import {
  isProblemState,
  isVisibleStep,
  type OnCallRow,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineName } from '../../format/entityNames';
import { usePipelineHealthLink } from '../../routes';

/** Root-cause pipelines and how many listed pipelines wait on each, most first. */
export function sharedRootCauses(
  rows: OnCallRow[],
): { pipelineRef: string; count: number }[] {
  // Root causes the viewer may not see are not named, so not counted either.
  const roots = rows
    .flatMap(row => row.rootCause?.chain.at(-1) ?? [])
    .filter(isVisibleStep);
  const counts = countBy(roots, root => root.pipelineRef);
  return Object.entries(counts)
    .map(([pipelineRef, count]) => ({ pipelineRef, count }))
    .sort(
      (a, b) => b.count - a.count || a.pipelineRef.localeCompare(b.pipelineRef),
    );
}

/**
 * One sentence for the 09:00 glance: how many pipelines are failed, late
 * and writing bad data, and which upstream pipelines most of them wait on
 * (fix those first).
 */
export function OnCallSummary(props: { rows: OnCallRow[]; total: number }) {
  const { rows, total } = props;
  const healthLink = usePipelineHealthLink();
  const failed = rows.filter(r => r.state === 'failed').length;
  const late = rows.filter(r => r.state === 'late').length;
  const badData = rows.filter(r => r.state === 'bad_data').length;
  if (!rows.some(r => isProblemState(r.state))) return null;
  const roots = sharedRootCauses(rows).slice(0, 3);
  return (
    <Text as="p" variant="body-medium" data-testid="oncall-summary">
      {total > rows.length ? 'On this page: ' : ''}
      <strong>{failed} failed</strong>, <strong>{late} late</strong>
      {badData > 0 && (
        <>
          , <strong>{badData} with bad data</strong>
        </>
      )}
      .
      {roots.length > 0 && (
        <>
          {' '}
          {roots.map((root, i) => (
            <Fragment key={root.pipelineRef}>
              {i > 0 && (i === roots.length - 1 ? ' and ' : ', ')}
              {root.count} waiting on{' '}
              <Link href={healthLink(root.pipelineRef)} weight="bold">
                {pipelineName(root.pipelineRef)}
              </Link>
            </Fragment>
          ))}{' '}
          upstream.
        </>
      )}
    </Text>
  );
}
