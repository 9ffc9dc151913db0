export * from './types';
export { canReadType } from './typePromotion';
export { diffSchemas } from './diffSchemas';
export {
  checkCompatibility,
  compatibilityDirections,
  isTransitiveMode,
  DEFAULT_COMPATIBILITY_MODE,
} from './checkCompatibility';
export * from './evolve';
export * from './consumerImpact';
export * from './modeDescriptions';
export * from './consumerGate';
export * from './schemaChangeDecision';
