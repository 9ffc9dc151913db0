import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { withReadableErrors } from '../theme/withReadableErrors';
import { ConsumerDecisionField } from './ConsumerDecisionField';
import { validateConsumerDecision } from './consumerDecision';

/** `ui:field: EventTypeConsumerDecision`: the consumers an evolution breaks, and the owner's decision. */
export const consumerDecisionFormField = createFormField({
  name: 'EventTypeConsumerDecision',
  component: withReadableErrors(ConsumerDecisionField),
  validation: validateConsumerDecision,
});
