import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  FormHelperText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import {
  schemaFieldProblems,
  SchemaField,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { useStatusTextStyles } from '../theme/useStatusTextStyles';
import { ExportSchemaDialog } from './ExportSchemaDialog';
import { addField, problemsByPosition } from './fieldTree';
import { ImportSchemaDialog } from './ImportSchemaDialog';
import { SchemaFieldTree } from './SchemaFieldTree';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
  },
}));

/**
 * Edits the fields of an event schema as a tree, with import and export of
 * Avro, JSON Schema, BigQuery schemas and sample events, and BigQuery's rules
 * checked as you type, each problem next to its field.
 */
export function SchemaEditor(props: {
  fields: SchemaField[];
  onChange(fields: SchemaField[]): void;
  /** Names exported documents (the Avro record, the JSON Schema title). */
  name?: string;
  disabled?: boolean;
}) {
  const { fields, onChange, name, disabled } = props;
  const classes = useStyles();
  const { readableErrors } = useStatusTextStyles();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  const problems = useMemo(
    () => problemsByPosition(schemaFieldProblems(fields)),
    [fields],
  );
  const schemaProblems =
    fields.length === 0 ? [] : problems.get('')?.field ?? [];

  return (
    <Box className={readableErrors}>
      <div className={classes.toolbar}>
        <Button
          variant="outlined"
          size="small"
          startIcon={<AddIcon />}
          disabled={disabled}
          onClick={() => onChange(addField(fields, []))}
        >
          Add field
        </Button>
        <Button
          variant="outlined"
          size="small"
          disabled={disabled}
          onClick={() => setImporting(true)}
        >
          Import…
        </Button>
        <Button
          variant="outlined"
          size="small"
          disabled={fields.length === 0}
          onClick={() => setExporting(true)}
        >
          Export…
        </Button>
      </div>
      {fields.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No fields yet: add one, or import a schema or a sample event.
        </Typography>
      )}
      <SchemaFieldTree
        fields={fields}
        onChange={onChange}
        problems={problems}
        disabled={disabled}
      />
      {schemaProblems.map(problem => (
        <FormHelperText error key={problem}>
          {problem}
        </FormHelperText>
      ))}
      {warnings.length > 0 && (
        <Box mt={1} role="note" aria-label="Import notes">
          <Typography variant="subtitle2">Check after the import</Typography>
          {warnings.map(warning => (
            <Typography key={warning} variant="body2" color="textSecondary">
              {warning}
            </Typography>
          ))}
        </Box>
      )}
      <ImportSchemaDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImport={(imported, notes) => {
          onChange(imported);
          setWarnings(notes);
          setImporting(false);
        }}
      />
      {exporting && (
        <ExportSchemaDialog
          open
          onClose={() => setExporting(false)}
          fields={fields}
          name={name}
        />
      )}
    </Box>
  );
}
