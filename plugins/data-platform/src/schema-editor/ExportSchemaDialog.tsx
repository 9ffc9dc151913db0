import { useMemo, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import {
  exportSchema,
  SchemaField,
  SchemaFormat,
} from '@dataplatform/backstage-plugin-data-platform-common';
import { SchemaFormatSelect } from './SchemaFormatSelect';

const EXTENSIONS: Record<SchemaFormat, string> = {
  avro: 'avsc',
  'json-schema': 'schema.json',
  bigquery: 'bigquery.json',
  sample: 'sample.json',
};

/** Shows the fields as an Avro schema, JSON Schema, BigQuery schema or example event, to copy or download. */
export function ExportSchemaDialog(props: {
  open: boolean;
  onClose(): void;
  fields: SchemaField[];
  name?: string;
}) {
  const [format, setFormat] = useState<SchemaFormat>('avro');
  const text = useMemo(
    () => exportSchema(format, props.fields, { name: props.name }),
    [format, props.fields, props.name],
  );
  const fileName = `${props.name || 'event'}.${EXTENSIONS[format]}`;

  const download = () => {
    const url = URL.createObjectURL(
      new Blob([text], { type: 'application/json' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>Export the schema</DialogTitle>
      <DialogContent>
        <SchemaFormatSelect
          id="schema-export-format"
          value={format}
          onChange={setFormat}
          labelOf={f => (f.id === 'sample' ? 'Example event' : f.title)}
        />
        <TextField
          id="schema-export-document"
          label={fileName}
          multiline
          minRows={12}
          maxRows={24}
          fullWidth
          margin="normal"
          variant="outlined"
          value={text}
          InputProps={{ readOnly: true }}
          inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => navigator.clipboard?.writeText(text)}>
          Copy
        </Button>
        <Button onClick={download}>Download</Button>
        <Button color="primary" variant="contained" onClick={props.onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
