import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';

/** Props of {@link MissingSpecField}. */
export interface MissingSpecFieldProps {
  /** What is missing, e.g. "No partitioning declared". */
  title: string;
  /** Why it matters or where it comes from. */
  description: string;
  /** A catalog YAML excerpt that would fill the gap. */
  yaml: string;
  /**
   * `large` for the wide content cards (the stock EmptyState with its
   * illustration), `compact` for the narrow info column.
   */
  size?: 'large' | 'compact';
}

/** The empty state of a card whose spec field is absent, with the YAML that would add it. */
export function MissingSpecField(props: MissingSpecFieldProps) {
  const { title, description, yaml, size = 'compact' } = props;
  const snippet = (
    <CodeSnippet text={yaml} language="yaml" showCopyCodeButton />
  );
  if (size === 'large') {
    return (
      <EmptyState
        missing="field"
        title={title}
        description={description}
        action={snippet}
      />
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium" weight="bold">
        {title}
      </Text>
      <Text as="p" variant="body-small" color="secondary">
        {description}
      </Text>
      {snippet}
    </Flex>
  );
}
