export { qualityExtensions } from './extensions';
export { QualityContent } from './QualityContent';
export type { QualityContentProps } from './QualityContent';
export { GroupQualityCard } from './group/GroupQualityCard';
export { QualityScoreBadge } from './score/ScoreBadge';
export type { QualityScoreBadgeProps } from './score/ScoreBadge';
export {
  createQualityScoreColumn,
  withQualityScoreColumn,
} from './column/qualityScoreColumn';
export type { QualityScoreColumnOptions } from './column/qualityScoreColumn';
