export { LinkedEntitiesTable } from './LinkedEntitiesTable';
export type {
  LinkedEntitiesTableProps,
  LinkedEntityColumn,
} from './LinkedEntitiesTable';
export { LinkedEntities } from './LinkedEntities';
