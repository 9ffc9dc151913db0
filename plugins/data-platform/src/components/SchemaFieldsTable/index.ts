export { SchemaFieldsTable } from './SchemaFieldsTable';
export type { SchemaFieldsTableProps } from './SchemaFieldsTable';
export { PiiBadge } from './PiiBadge';
export { schemaSummary } from './visibleFieldRows';
