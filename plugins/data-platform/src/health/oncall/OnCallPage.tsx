import { useCallback, useMemo } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Alert, Container, Flex, Text } from '@backstage/ui';
import type { OnCallQuery } from '@dataplatform/backstage-plugin-data-platform-common';
import { pipelineName } from '../../format/entityNames';
import { AlertActionOutcomeBanner } from '../shared/AlertActions';
import { LeftOutNote } from '../shared/LeftOutNote';
import { useAlertAction } from '../shared/useAlertAction';
import { NothingOnCall } from './NothingOnCall';
import { OnCallEndpoints } from './OnCallEndpoints';
import { OnCallFilters } from './OnCallFilters';
import { OnCallSummary } from './OnCallSummary';
import { OnCallTable } from './OnCallTable';
import { useMyTeams } from './useMyTeams';
import { useOnCallList } from './useOnCallList';
import { useOnCallView } from './useOnCallView';

/** Props of {@link OnCallPage}. */
export interface OnCallPageProps {
  /** How often the list is fetched again; 0 turns auto-refresh off. */
  refreshIntervalMs?: number;
}

/**
 * The on-call page: what is late or broken right now, why, and whose it is.
 * By default the signed-in user's teams and only late or failed pipelines,
 * most severe and oldest first; both can be widened. The choices live in the
 * URL (`?teams=all&show=all&sort=age`) so a view can be shared.
 */
export function OnCallPage(props: OnCallPageProps) {
  const refreshIntervalMs = props.refreshIntervalMs ?? 30_000;
  const view = useOnCallView();
  const { scope, show, sort, offset, pageSize } = view;
  const myTeams = useMyTeams();
  const query = useMemo<OnCallQuery | undefined>(() => {
    if (scope === 'mine' && !myTeams.ownershipRefs) return undefined;
    return {
      owners: scope === 'mine' ? myTeams.ownershipRefs : undefined,
      filter: show,
      sort,
      offset,
      limit: pageSize,
    };
  }, [scope, show, sort, offset, pageSize, myTeams.ownershipRefs]);

  const list = useOnCallList(query, refreshIntervalMs);
  const { reload } = list;
  const actions = useAlertAction(useCallback(() => reload(), [reload]));
  const teamNames = (myTeams.ownershipRefs ?? [])
    .filter(ref => ref.startsWith('group:'))
    .map(pipelineName);

  return (
    <main aria-label="On call">
      <Container py="4">
        <Flex direction="column" gap="3">
          <OnCallFilters
            view={view}
            updatedAt={list.updatedAt}
            refreshIntervalMs={refreshIntervalMs}
            onRefresh={() => reload()}
          />
          {scope === 'mine' && teamNames.length > 0 && (
            <Text variant="body-small" color="secondary">
              Your teams: {teamNames.join(', ')}
            </Text>
          )}
          {list.page && (
            <OnCallSummary rows={list.page.rows} total={list.page.total} />
          )}
          <LeftOutNote count={list.page?.hidden} />

          <AlertActionOutcomeBanner
            outcome={actions.outcome}
            onDismiss={actions.clearOutcome}
          />

          {myTeams.error && (
            <ResponseErrorPanel
              error={myTeams.error}
              title="Could not find your teams"
            />
          )}
          {list.error && list.page && (
            <Alert
              status="warning"
              icon
              title="Could not refresh the list; showing the last answer."
              description={list.error.message}
            />
          )}
          {list.error && !list.page && (
            <ResponseErrorPanel
              error={list.error}
              title="Could not load pipeline health"
            />
          )}
          {!list.error && !list.page && <Progress />}
          {list.page?.endpoints && (
            <OnCallEndpoints rows={list.page.endpoints} />
          )}
          {list.page && list.page.rows.length > 0 && (
            <Text variant="body-x-small" color="secondary" id="oncall-keys">
              Keyboard: Tab moves into the list; the arrow keys move between its
              cells and to the Acknowledge, Snooze and Resolve buttons; Enter
              presses one.
            </Text>
          )}
          {list.page && (
            <OnCallTable
              rows={list.page.rows}
              stale={list.stale}
              emptyState={<NothingOnCall view={view} />}
              perform={actions.perform}
              pendingAlertId={actions.pendingAlertId}
              pagination={view.pagination(list.page.total)}
            />
          )}
        </Flex>
      </Container>
    </main>
  );
}
