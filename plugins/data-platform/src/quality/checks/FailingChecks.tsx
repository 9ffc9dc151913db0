import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import type { QualityResultView } from '@dataplatform/backstage-plugin-data-platform-common';
import { partitionInWords } from './partitionWords';
import { ResultDetails } from './ResultDetails';

/**
 * The result picked in the grid, and every check whose latest result
 * failed or could not be measured, each with its measurement and the
 * queries that ran.
 */
export function FailingChecks(props: {
  failing: QualityResultView[];
  selected?: QualityResultView;
  granularity?: string;
  onClose(): void;
}) {
  const { failing, selected, granularity } = props;
  const others = failing.filter(
    r =>
      !selected ||
      r.name !== selected.name ||
      r.source !== selected.source ||
      r.partition !== selected.partition,
  );
  return (
    <Flex direction="column" gap="4">
      {selected && (
        <EntityInfoCard
          title={`${selected.name} on ${partitionInWords(
            selected.partition,
            granularity,
          )}`}
          headerActions={
            <Button size="small" variant="tertiary" onPress={props.onClose}>
              Close
            </Button>
          }
        >
          <ResultDetails result={selected} granularity={granularity} />
        </EntityInfoCard>
      )}
      {others.length > 0 && (
        <EntityInfoCard title="Failing checks">
          <Flex direction="column" gap="4">
            <Text variant="body-small" color="secondary">
              Checks whose latest result failed or could not be measured.
            </Text>
            {others.map(result => (
              <section
                key={`${result.name}\u0000${result.source}`}
                aria-label={`${result.name} failing`}
              >
                <ResultDetails result={result} granularity={granularity} />
              </section>
            ))}
          </Flex>
        </EntityInfoCard>
      )}
    </Flex>
  );
}
