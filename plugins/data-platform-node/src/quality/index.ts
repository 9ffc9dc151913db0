export * from './runner';
export * from './extensionPoint';
