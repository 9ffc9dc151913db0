import { useEffect } from 'react';
import {
  Box,
  Checkbox,
  FormControlLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { brokenConsumers } from '@dataplatform/backstage-plugin-data-platform-common';
import { breakageSentence, ConsumerBreakage } from './ConsumerBreakage';
import { DecisionNotYours } from './DecisionNotYours';
import {
  ConsumerDecisionUiOptions,
  ConsumerDecisionValue,
  fieldsFingerprint,
  schemaValueOf,
} from './consumerDecision';
import { useSchemaGate } from './useSchemaGate';

/**
 * `ui:field: EventTypeConsumerDecision`: the consumers the evolved schema
 * breaks, each with its owner and the lineage it reads the field through,
 * and the owner's decision to ship it anyway (a box and a reason), which the
 * validate action records and sends to the consumers' owners. Someone who
 * may not decide (the backend says) is told who may, and cannot tick.
 */
export function ConsumerDecisionField(
  props: FieldExtensionComponentProps<
    ConsumerDecisionValue,
    ConsumerDecisionUiOptions
  >,
) {
  const { formData, onChange, formContext, uiSchema, rawErrors } = props;
  const schemaValue = schemaValueOf(
    formContext?.formData as Record<string, unknown>,
    uiSchema?.['ui:options'],
  );
  const gate = useSchemaGate({
    entityRef: schemaValue?.entityRef,
    fields: schemaValue?.fields,
  });
  const fingerprint = fieldsFingerprint(schemaValue?.fields);
  const breaking = brokenConsumers(gate.breaking).map(c => c.id);
  const key = gate.loading ? '' : `${fingerprint}|${breaking.join(',')}`;
  const decision = { consumers: [], reason: '', ...formData };

  // Records what was looked up for which schema; a new lookup clears the box.
  useEffect(() => {
    if (
      !key ||
      `${formData?.lookedUpFor}|${formData?.breaking?.join(',')}` === key
    ) {
      return;
    }
    onChange({
      breaking,
      policy: gate.policy,
      owner: gate.owner,
      mayDecide: gate.mayDecide,
      lookedUpFor: fingerprint,
      consumers: [],
      reason: formData?.reason ?? '',
      summary:
        breaking.length === 0
          ? 'Breaks no consumer'
          : breakageSentence(gate.breaking),
    });
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const ticked =
    breaking.length > 0 &&
    breaking.every(id => decision.consumers.includes(id));
  const id = props.idSchema?.$id ?? 'consumerDecision';
  // Up front: who decides, before the list and the greyed-out inputs.
  const notYours = gate.policy !== 'refuse' && gate.mayDecide === false;
  const update = (patch: Partial<ConsumerDecisionValue>) =>
    onChange({ ...(formData as ConsumerDecisionValue), ...patch });

  if (gate.loading) {
    return <Typography>Looking up the consumers of this change…</Typography>;
  }
  if (gate.error || (gate.status && !gate.impacts)) {
    return (
      <Typography>
        The consumers could not be looked up (
        {gate.error?.message ?? gate.status}
        ); the server checks them when you submit.
      </Typography>
    );
  }
  if (breaking.length === 0) {
    return (
      <Typography role="status">
        This change removes or retypes no field that a consumer reads: nothing
        to decide.
      </Typography>
    );
  }
  return (
    <Box component="section" aria-label="Consumers this change breaks">
      <Typography role="status" variant="body1">
        {breakageSentence(gate.breaking)}
        {gate.policy === 'refuse'
          ? '. This portal refuses such changes: go back and keep those fields.'
          : '.'}
      </Typography>
      {notYours && <DecisionNotYours id={`${id}-who`} owner={gate.owner} />}
      <ConsumerBreakage breaking={gate.breaking} />
      {gate.policy !== 'refuse' && (
        <>
          <FormControlLabel
            disabled={notYours}
            control={
              <Checkbox
                inputProps={
                  notYours ? { 'aria-describedby': `${id}-who` } : undefined
                }
                checked={ticked}
                onChange={e =>
                  update({ consumers: e.target.checked ? breaking : [] })
                }
              />
            }
            label={`As the owner, I ship this change knowing it breaks these ${breaking.length} consumers; their owners are notified`}
          />
          <TextField
            id={`${id}-reason`}
            disabled={notYours}
            label="Why it ships"
            // Required by the step's validation, which says why; the
            // browser's own "fill out this field" would come first.
            InputLabelProps={{ required: true }}
            inputProps={{ 'aria-required': true }}
            fullWidth
            multiline
            minRows={2}
            variant="outlined"
            margin="normal"
            value={decision.reason}
            onChange={e => update({ reason: e.target.value })}
            error={!!rawErrors?.length}
            // Read, not greyed out, when the field is not theirs to fill.
            FormHelperTextProps={{ disabled: false }}
            helperText={
              rawErrors?.[0] ??
              'And what the consumers should do: recorded with the change and sent to their owners'
            }
          />
        </>
      )}
    </Box>
  );
}
