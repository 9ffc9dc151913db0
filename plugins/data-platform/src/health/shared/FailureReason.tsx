import { Text } from '@backstage/ui';

/**
 * A run's error message. In body text colour with a red rule beside it: the
 * theme's danger red is below 4.5:1 on white for small text.
 */
export function FailureReason(props: { reason?: string }) {
  if (!props.reason) return null;
  return (
    <Text
      variant="body-small"
      style={{
        borderLeft: '3px solid var(--bui-border-danger)',
        paddingLeft: 6,
      }}
    >
      {props.reason}
    </Text>
  );
}
