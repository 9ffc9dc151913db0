export {
  generateAnonymizationTransform,
  transformFingerprint,
  MIN_ANONYMIZATION_KEY_LENGTH,
} from './generateAnonymizationTransform';
export type { AnonymizationTransform } from './generateAnonymizationTransform';
export { compileAnonymization } from './anonymizationPlan';
export type { CompiledAnonymization, PiiNotApplied } from './anonymizationPlan';
export { runAnonymizationTransform } from './runAnonymizationTransform';
