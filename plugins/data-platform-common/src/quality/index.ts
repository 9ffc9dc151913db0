export * from './types';
export * from './checkNames';
export type { TableAddress } from './tableReferences';
export { customSqlProblem } from './customSql';
export { qualityProblems } from './qualityProblems';
export type { QualityProblemsOptions } from './qualityProblems';
export { compilePartitionChecks } from './compilePartitionChecks';
export { compileDuplicateKeys } from './compileDuplicateKeys';
export { readScanRow, emptyPartitionMetrics } from './readScanRow';
export * from './volumeBand';
export {
  evaluateChecks,
  evaluateFromPartitionMetadata,
} from './evaluateChecks';
export type { PartitionMetadata } from './evaluateChecks';
