export * from './resources';
export * from './plans';
export * from './planAccess';
export * from './planResource';
export * from './desiredResources';
export * from './derivedPii';
export * from './api';
export * from './dependencyOrder';
