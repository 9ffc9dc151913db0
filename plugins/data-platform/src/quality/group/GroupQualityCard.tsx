import { useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityInfoCard, useEntity } from '@backstage/plugin-catalog-react';
import {
  Button,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  Table,
  Text,
} from '@backstage/ui';
import type { QualityScoreSummary } from '@dataplatform/backstage-plugin-data-platform-common';
import { componentLabel } from '../format/presentation';
import { useQualityTabLink } from '../links';
import { QualityScoreBadge } from '../score/ScoreBadge';
import { useOwnerScores } from './useOwnerScores';

/** Rows the card shows before "Show all". */
export const GROUP_CARD_ROWS = 10;

type Row = QualityScoreSummary & { id: string };

/**
 * The data endpoints a group owns with their quality scores, worst first,
 * each linked to its Quality tab with the part of the score that lost
 * most: where the group's data needs attention.
 */
export function GroupQualityCard() {
  const { entity } = useEntity();
  const ownerRef = stringifyEntityRef(entity);
  const { value, loading, error } = useOwnerScores(ownerRef);
  const [showAll, setShowAll] = useState(false);
  const qualityTab = useQualityTabLink();

  const columns: ColumnConfig<Row>[] = [
    {
      id: 'endpoint',
      label: 'Data endpoint',
      isRowHeader: true,
      defaultWidth: '3fr',
      cell: row => (
        <Cell>
          <Link href={qualityTab(row.entityRef)} variant="body-small">
            {row.title}
          </Link>
        </Cell>
      ),
    },
    {
      id: 'score',
      label: 'Score',
      defaultWidth: '1fr',
      cell: row => (
        <Cell>
          <QualityScoreBadge score={row.score} title={`Score for ${row.day}`} />
        </Cell>
      ),
    },
    {
      id: 'weakest',
      label: 'Lost most on',
      defaultWidth: '1.5fr',
      cell: row => (
        <CellText title={row.weakest ? componentLabel(row.weakest) : '–'} />
      ),
    },
  ];

  let body;
  if (loading) body = <Progress />;
  else if (error) {
    body = (
      <ResponseErrorPanel error={error} title="Could not load the scores" />
    );
  } else if (!value?.scores.length) {
    body = (
      <Text variant="body-small" color="secondary">
        No data endpoint this group owns has a quality score yet.
      </Text>
    );
  } else {
    const rows = value.scores.map(s => ({ ...s, id: s.entityRef }));
    const shown = showAll ? rows : rows.slice(0, GROUP_CARD_ROWS);
    body = (
      <Flex direction="column" gap="2">
        <Table
          columnConfig={columns}
          data={shown}
          pagination={{ type: 'none' }}
        />
        {rows.length > GROUP_CARD_ROWS && (
          <Button
            size="small"
            variant="tertiary"
            onPress={() => setShowAll(!showAll)}
          >
            {showAll
              ? `Show the worst ${GROUP_CARD_ROWS}`
              : `Show all ${rows.length}`}
          </Button>
        )}
      </Flex>
    );
  }
  return (
    <EntityInfoCard title="Data quality, worst first">{body}</EntityInfoCard>
  );
}
