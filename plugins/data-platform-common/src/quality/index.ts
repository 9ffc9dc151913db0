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
export * from './scoreTypes';
export {
  scoreEndpoint,
  DEFAULT_SCORE_WEIGHTS,
  DEFAULT_SEVERITY_PENALTIES,
  DEFAULT_FAILURE_HALF_LIFE_HOURS,
} from './scoreEndpoint';
export type { ScoreOptions } from './scoreEndpoint';
export { rollUpScores } from './rollUpScores';
export type { ScoreToRollUp, RolledUpScore } from './rollUpScores';
export * from './api';
export { fieldStats } from './scoreComponents';
export { isoDurationMs } from './wording';
