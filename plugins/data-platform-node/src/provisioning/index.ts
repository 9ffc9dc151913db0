export * from './provisioner';
export * from './extensionPoint';
