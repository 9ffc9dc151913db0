import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  importSchema,
  SchemaField,
  SchemaFormat,
  SchemaImportError,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { useStatusTextStyles } from '../theme/useStatusTextStyles';
import { SchemaFormatSelect } from './SchemaFormatSelect';

const PLACEHOLDERS: Record<SchemaFormat, string> = {
  avro: '{"type": "record", "name": "PlaylistFollowed", "fields": [...]}',
  'json-schema': '{"type": "object", "properties": {...}, "required": [...]}',
  bigquery: '[{"name": "event_id", "type": "STRING", "mode": "REQUIRED"}, ...]',
  sample: '{"event_id": "b7c1", "event_time": "2025-01-31T12:00:00Z", ...}',
};

/**
 * Pastes (or loads from a file) an Avro schema, a JSON Schema, a BigQuery
 * schema or sample events, and replaces the fields with what they say.
 */
export function ImportSchemaDialog(props: {
  open: boolean;
  onClose(): void;
  onImport(fields: SchemaField[], warnings: string[]): void;
}) {
  const [format, setFormat] = useState<SchemaFormat>('avro');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const { readableErrors } = useStatusTextStyles();

  const submit = () => {
    try {
      const result = importSchema(format, text);
      props.onImport(result.fields, result.warnings);
      setText('');
      setProblems([]);
    } catch (e) {
      setProblems(
        e instanceof SchemaImportError ? e.problems : [(e as Error).message],
      );
    }
  };

  const load = async (file?: File) => {
    if (file) setText(await file.text());
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="dp-import-schema-title"
    >
      <DialogTitle id="dp-import-schema-title">Import a schema</DialogTitle>
      <DialogContent className={readableErrors}>
        <Typography variant="body2" paragraph>
          The imported fields replace the ones in the editor. Field names are
          made to fit BigQuery's rules; whatever does not carry over exactly is
          listed after the import.
        </Typography>
        <SchemaFormatSelect
          id="schema-import-format"
          value={format}
          onChange={setFormat}
        />{' '}
        <Button component="label" variant="outlined" size="small">
          Load a file
          <input
            hidden
            type="file"
            accept=".avsc,.json,.ndjson,.jsonl,application/json"
            onChange={e => load(e.target.files?.[0])}
          />
        </Button>
        <TextField
          id="schema-import-document"
          label="Document"
          multiline
          minRows={12}
          maxRows={24}
          fullWidth
          margin="normal"
          variant="outlined"
          placeholder={PLACEHOLDERS[format]}
          value={text}
          error={problems.length > 0}
          onChange={e => setText(e.target.value)}
          inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
        />
        {problems.map(problem => (
          <FormHelperText error key={problem}>
            {problem}
          </FormHelperText>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!text.trim()}
          onClick={submit}
        >
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
