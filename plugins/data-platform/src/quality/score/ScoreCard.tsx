import { ReactNode } from 'react';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import type { EndpointQuality } from '@dataplatform/backstage-plugin-data-platform-common';
import { QualityScoreBadge } from './ScoreBadge';
import { ScoreTrend } from './ScoreTrend';

/** The score now, the day it is for, the runner, and the trend; `children` below (the run control). */
export function ScoreCard(props: {
  quality: EndpointQuality;
  children?: ReactNode;
}) {
  const { quality } = props;
  const { score } = quality;
  return (
    <EntityInfoCard title="Score">
      <Flex direction="column" gap="3">
        {score ? (
          <Flex align="center" gap="3">
            <QualityScoreBadge score={score.score} size="large" />
            <Text variant="body-small" color="secondary">
              Quality score for {score.day}
            </Text>
          </Flex>
        ) : (
          <Text variant="body-medium">No score yet.</Text>
        )}
        <ScoreTrend trend={quality.trend} />
        <Text variant="body-x-small" color="secondary">
          {quality.runner
            ? `Checks run in ${quality.runner.title}.`
            : 'No runner checks this endpoint.'}
        </Text>
        {props.children}
      </Flex>
    </EntityInfoCard>
  );
}
