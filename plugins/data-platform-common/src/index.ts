/**
 * Kinds, validators, relation names and the schema-field model of the data
 * platform plugins. Isomorphic: used by the backend, the catalog module and
 * the frontend alike.
 *
 * @packageDocumentation
 */

export * from './kinds/constants';
export * from './kinds/entities';
export * from './kinds/openLineageNaming';
export * from './schema/fields';
export * from './schema/fieldSearch';
export * from './schema/jsonSchema';
export * from './validation/problems';
export * from './quality';
export { validateSchemaFields } from './validation/validateFields';
export {
  validateDataPlatformEntity,
  cronProblem,
} from './validation/validateEntity';
export * from './lineage/types';
export * from './permissions';
export * from './compatibility';
export * from './schema-formats';
export * from './health/types';
export * from './health/problemStates';
export * from './health/rootCauseSteps';
export * from './health/permissions';
export * from './provisioning';
export * from './provisioning/anonymization';
export * from './pii/types';
