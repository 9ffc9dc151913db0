import { useEffect } from 'react';
import {
  Box,
  Checkbox,
  FormControlLabel,
  FormHelperText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { PiiClassification } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  isConfirmedFor,
  PiiReviewUiOptions,
  PiiReviewValue,
  PII_REVIEW_STALE,
  reviewedClassifications,
  schemaFieldsOf,
} from './piiReview';
import { flattenFields } from './schemaReview';
import { useFreshErrors } from './useFreshErrors';

const useStyles = makeStyles(
  theme => ({
    summary: { margin: theme.spacing(1, 0, 2) },
    group: { margin: theme.spacing(1, 0) },
    paths: { overflowWrap: 'anywhere', fontFamily: 'monospace' },
  }),
  { name: 'DataPlatformPiiReviewField' },
);

/** What each classification means for the field's values on delivery. */
const MEANING: Record<PiiClassification, string> = {
  drop: 'removed before the event lands',
  pseudonymize: 'replaced by a keyed hash',
  encrypt: 'not applied yet: lands as sent',
  none: 'not personal data, lands as sent',
};

/**
 * The scaffolder field `PiiReview`: the PII classification of every field
 * of the schema on the form (`ui:options.schemaField`), grouped by
 * classification with each field's path, and the box the owner ticks once
 * checked. The box starts unticked, and unticks itself when the
 * classifications change after it was ticked.
 */
export function PiiReviewField(
  props: FieldExtensionComponentProps<PiiReviewValue, PiiReviewUiOptions>,
) {
  const { formData, onChange, formContext, uiSchema, schema, idSchema } = props;
  const classes = useStyles();
  const fields = schemaFieldsOf(
    formContext?.formData,
    uiSchema?.['ui:options'],
  );
  const classifications = reviewedClassifications(fields);
  const count = flattenFields(fields).length;
  const confirmed = isConfirmedFor(formData, fields);
  const stale = !!formData?.confirmed && !confirmed;
  const errors = useFreshErrors(props.rawErrors, formData);

  // Always a value, so that the step's validation runs and says what to do.
  useEffect(() => {
    if (formData === undefined) onChange({ confirmed: false });
  }, [formData, onChange]);

  return (
    <Box>
      <section aria-label="PII classifications" className={classes.summary}>
        <Typography variant="h6" component="h3">
          {count === 0
            ? 'PII classification'
            : `PII classification of the ${count} fields`}
        </Typography>
        {count === 0 && (
          <Typography variant="body2">
            The schema has no fields yet: go back to the Schema step.
          </Typography>
        )}
        {Object.entries(classifications).map(([pii, paths]) => (
          <div key={pii} className={classes.group}>
            <Typography variant="subtitle2" component="h4">
              {pii} ({paths.split(', ').length}):{' '}
              {MEANING[pii as PiiClassification]}
            </Typography>
            <Typography variant="body2" className={classes.paths}>
              {paths}
            </Typography>
          </div>
        ))}
      </section>
      <FormControlLabel
        label={schema.title}
        control={
          <Checkbox
            id={idSchema?.$id}
            checked={confirmed}
            color="primary"
            onChange={(_, checked) =>
              onChange(
                checked
                  ? { confirmed: true, ...classifications }
                  : { confirmed: false },
              )
            }
          />
        }
      />
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {stale && errors.length === 0 && (
        <FormHelperText error>{PII_REVIEW_STALE}</FormHelperText>
      )}
      {errors.map(error => (
        <FormHelperText error key={error} role="alert">
          {error}
        </FormHelperText>
      ))}
    </Box>
  );
}
