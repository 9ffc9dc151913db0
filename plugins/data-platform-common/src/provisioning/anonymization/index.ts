export {
  generateAnonymizationTransform,
  transformFingerprint,
  MIN_ANONYMIZATION_KEY_LENGTH,
} from './generateAnonymizationTransform';
export type { AnonymizationTransform } from './generateAnonymizationTransform';
export type { PiiNotApplied } from './anonymizationPlan';
export { runAnonymizationTransform } from './runAnonymizationTransform';
