import { useCallback, useMemo, useState } from 'react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  Alert,
  Button,
  ButtonIcon,
  Container,
  FieldLabel,
  Flex,
  Select,
  Text,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import { RiRefreshLine } from '@remixicon/react';
import type { OnCallQuery } from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords, timeOfDayLabel } from '../../format/time';
import { AlertActionOutcomeBanner } from '../shared/AlertActions';
import { pipelineName } from '../../format/entityNames';
import { useAlertAction } from '../shared/useAlertAction';
import { OnCallSummary } from './OnCallSummary';
import { OnCallTable } from './OnCallTable';
import { useMyTeams } from './useMyTeams';
import { useOnCallList } from './useOnCallList';

type Scope = 'mine' | 'all';
type Show = NonNullable<OnCallQuery['filter']>;
type Sort = NonNullable<OnCallQuery['sort']>;

const SORTS: { value: Sort; label: string }[] = [
  { value: 'severity', label: 'Severity, then oldest' },
  { value: 'age', label: 'Oldest problem first' },
  { value: 'name', label: 'Name' },
];

const PAGE_SIZES = [25, 50, 100];

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

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
  const [params, setParams] = useAppSearchParams();
  const scope = oneOf<Scope>(params.get('teams'), ['mine', 'all'], 'mine');
  const show = oneOf<Show>(params.get('show'), ['problems', 'all'], 'problems');
  const sort = oneOf<Sort>(
    params.get('sort'),
    ['severity', 'age', 'name'],
    'severity',
  );
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState(50);

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

  const setParam = (key: string, value: string, fallback: string) => {
    setOffset(0);
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (value === fallback) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  };

  const teamNames = (myTeams.ownershipRefs ?? [])
    .filter(ref => ref.startsWith('group:'))
    .map(pipelineName);

  const total = list.page?.total ?? 0;
  const emptyState = (
    <Flex direction="column" gap="2" align="start" p="4">
      <Text variant="body-medium" weight="bold">
        {show === 'problems'
          ? `Nothing is late or failed${
              scope === 'mine' ? ' for your teams' : ''
            } right now.`
          : `No pipelines${scope === 'mine' ? ' owned by your teams' : ''}.`}
      </Text>
      <Flex gap="2">
        {scope === 'mine' && (
          <Button
            size="small"
            variant="secondary"
            onPress={() => setParam('teams', 'all', 'mine')}
          >
            Show all teams
          </Button>
        )}
        {show === 'problems' && (
          <Button
            size="small"
            variant="secondary"
            onPress={() => setParam('show', 'all', 'problems')}
          >
            Show healthy pipelines too
          </Button>
        )}
      </Flex>
    </Flex>
  );

  return (
    <Container py="4">
      <Flex direction="column" gap="3">
        <Flex
          justify="between"
          align="end"
          style={{ flexWrap: 'wrap' }}
          gap="3"
        >
          <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
            <LabelledChoice
              label="Teams"
              id="oncall-teams-label"
              selected={scope}
              choices={[
                { id: 'mine', label: 'My teams' },
                { id: 'all', label: 'All teams' },
              ]}
              onSelect={key => setParam('teams', key, 'mine')}
            />
            <LabelledChoice
              label="Pipelines"
              id="oncall-show-label"
              selected={show}
              choices={[
                { id: 'problems', label: 'Late or failed now' },
                { id: 'all', label: 'All pipelines' },
              ]}
              onSelect={key => setParam('show', key, 'problems')}
            />
            <Select
              label="Sort by"
              size="small"
              options={SORTS}
              value={sort}
              onChange={key => key && setParam('sort', String(key), 'severity')}
              style={{ minWidth: 200 }}
            />
          </Flex>
          <Flex gap="2" align="center">
            <Text variant="body-x-small" color="secondary" aria-live="polite">
              {list.updatedAt
                ? `Updated ${timeOfDayLabel(
                    new Date(list.updatedAt).toISOString(),
                  )}`
                : 'Loading…'}
              {refreshIntervalMs > 0 &&
                ` · refreshes every ${durationInWords(refreshIntervalMs)}`}
            </Text>
            <ButtonIcon
              size="small"
              variant="secondary"
              aria-label="Refresh now"
              icon={<RiRefreshLine size={16} aria-hidden />}
              onPress={() => reload()}
            />
          </Flex>
        </Flex>

        {scope === 'mine' && teamNames.length > 0 && (
          <Text variant="body-small" color="secondary">
            Your teams: {teamNames.join(', ')}
          </Text>
        )}
        {list.page && <OnCallSummary rows={list.page.rows} total={total} />}

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
        {list.page && (
          <OnCallTable
            rows={list.page.rows}
            stale={list.stale}
            emptyState={emptyState}
            perform={actions.perform}
            pendingAlertId={actions.pendingAlertId}
            pagination={{
              type: 'page',
              pageSize,
              pageSizeOptions: PAGE_SIZES,
              offset,
              totalCount: total,
              hasNextPage: offset + pageSize < total,
              hasPreviousPage: offset > 0,
              onNextPage: () => setOffset(offset + pageSize),
              onPreviousPage: () => setOffset(Math.max(0, offset - pageSize)),
              onPageSizeChange: size => {
                setOffset(0);
                setPageSize(size);
              },
            }}
          />
        )}
      </Flex>
    </Container>
  );
}

/** A labelled group of toggle buttons of which exactly one is on. */
function LabelledChoice(props: {
  label: string;
  id: string;
  selected: string;
  choices: { id: string; label: string }[];
  onSelect(key: string): void;
}) {
  return (
    <Flex direction="column" gap="0">
      <FieldLabel label={props.label} id={props.id} />
      <ToggleButtonGroup
        aria-labelledby={props.id}
        selectionMode="single"
        disallowEmptySelection
        selectedKeys={[props.selected]}
        onSelectionChange={keys => {
          const [key] = [...keys];
          if (key) props.onSelect(String(key));
        }}
      >
        {props.choices.map(choice => (
          <ToggleButton key={choice.id} id={choice.id} size="small">
            {choice.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Flex>
  );
}
