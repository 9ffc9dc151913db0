import { useState } from 'react';
import type { SchemaField } from '@dataplatform/backstage-plugin-data-platform-common';
import {
  addField,
  FieldPosition,
  moveField,
  positionKey,
  removeField,
  updateField,
} from './fieldTree';
import { SchemaFieldRow } from './SchemaFieldRow';

/**
 * The schema as an editable tree: every field a row, nested RECORD fields
 * indented below their record (which can be folded away).
 */
export function SchemaFieldTree(props: {
  fields: SchemaField[];
  onChange(fields: SchemaField[]): void;
  problems: Map<string, Record<string, string[]>>;
  disabled?: boolean;
}) {
  const { fields, onChange, problems, disabled } = props;
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const rows = (
    level: SchemaField[],
    parent: FieldPosition,
    parentPath: string,
  ): JSX.Element[] =>
    level.flatMap((field, index) => {
      const position = [...parent, index];
      const key = positionKey(position);
      // Unnamed (new) fields are labelled by their place: #3.
      const own = field.name || `#${index + 1}`;
      const path = parentPath ? `${parentPath}.${own}` : own;
      const isCollapsed = collapsed.has(key);
      const row = (
        <SchemaFieldRow
          key={key}
          field={field}
          path={path}
          id={key}
          depth={parent.length}
          first={index === 0}
          last={index === level.length - 1}
          collapsed={isCollapsed}
          disabled={disabled}
          problems={problems.get(key)}
          actions={{
            change: patch => onChange(updateField(fields, position, patch)),
            remove: () => onChange(removeField(fields, position)),
            move: by => onChange(moveField(fields, position, by)),
            addNested: () => {
              onChange(addField(fields, position));
              setCollapsed(prev => {
                const next = new Set(prev);
                next.delete(key);
                return next;
              });
            },
            toggle: () =>
              setCollapsed(prev => {
                const next = new Set(prev);
                if (next.has(key)) next.delete(key);
                else next.add(key);
                return next;
              }),
          }}
        />
      );
      if (field.type !== 'RECORD' || isCollapsed) return [row];
      return [row, ...rows(field.fields ?? [], position, path)];
    });

  return <div>{rows(fields, [], '')}</div>;
}
