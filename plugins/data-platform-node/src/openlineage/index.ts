export * from './events';
export * from './handler';
export * from './extensionPoint';
