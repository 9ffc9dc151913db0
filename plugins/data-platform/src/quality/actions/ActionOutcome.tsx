import { Alert, Button } from '@backstage/ui';
import type { QualityActionOutcome } from './useQualityActions';

/** The outcome of the last run or mark, until dismissed. */
export function ActionOutcome(props: {
  outcome?: QualityActionOutcome;
  onDismiss(): void;
}) {
  const { outcome } = props;
  if (!outcome) return null;
  return (
    <Alert
      role="status"
      status={outcome.status}
      icon
      title={outcome.title}
      description={outcome.description}
      customActions={
        <Button size="small" variant="tertiary" onPress={props.onDismiss}>
          Dismiss
        </Button>
      }
    />
  );
}
