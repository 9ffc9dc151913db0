import { dataPlatformPlugin } from './plugin';

describe('data-platform', () => {
  it('should export plugin', () => {
    expect(dataPlatformPlugin).toBeDefined();
  });
});
