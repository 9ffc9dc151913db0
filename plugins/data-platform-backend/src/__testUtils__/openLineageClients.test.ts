import {
  javaClientTarget,
  pythonClientTarget,
  resolveReference,
} from './openLineageClients';

describe('resolveReference', () => {
  it("resolves RFC 3986's own examples (5.4.1, 5.4.2) as the RFC says", () => {
    const base = 'http://a/b/c/d;p?q';
    for (const [reference, target] of [
      ['g:h', 'g:h'],
      ['g', 'http://a/b/c/g'],
      ['./g', 'http://a/b/c/g'],
      ['g/', 'http://a/b/c/g/'],
      ['/g', 'http://a/g'],
      ['//g', 'http://g'],
      ['?y', 'http://a/b/c/d;p?y'],
      ['g?y', 'http://a/b/c/g?y'],
      ['#s', 'http://a/b/c/d;p?q#s'],
      ['g#s', 'http://a/b/c/g#s'],
      [';x', 'http://a/b/c/;x'],
      ['', 'http://a/b/c/d;p?q'],
      ['.', 'http://a/b/c/'],
      ['./', 'http://a/b/c/'],
      ['..', 'http://a/b/'],
      ['../g', 'http://a/b/g'],
      ['../..', 'http://a/'],
      ['../../g', 'http://a/g'],
      ['../../../g', 'http://a/g'],
      ['/./g', 'http://a/g'],
      ['/../g', 'http://a/g'],
      ['g.', 'http://a/b/c/g.'],
      ['..g', 'http://a/b/c/..g'],
      ['./../g', 'http://a/b/g'],
      ['g/./h', 'http://a/b/c/g/h'],
      ['g/../h', 'http://a/b/c/h'],
    ]) {
      expect({ reference, target: resolveReference(base, reference) }).toEqual({
        reference,
        target,
      });
    }
  });
});

describe('the clients joining url and endpoint', () => {
  it('Python drops the last segment of a url without a trailing slash', () => {
    expect(pythonClientTarget('http://h:7007/api/data-platform')).toBe(
      'http://h:7007/api/api/v1/lineage',
    );
    expect(pythonClientTarget('http://h:7007/api/data-platform/')).toBe(
      'http://h:7007/api/data-platform/api/v1/lineage',
    );
    expect(
      pythonClientTarget('http://h:7007/api/data-platform/openlineage '),
    ).toBe('http://h:7007/api/data-platform/api/v1/lineage');
    expect(
      pythonClientTarget('http://h:7007/api/data-platform/openlineage/'),
    ).toBe('http://h:7007/api/data-platform/openlineage/api/v1/lineage');
    expect(pythonClientTarget('http://h:7007', '/custom')).toBe(
      'http://h:7007/custom',
    );
  });

  it('Java posts to a path as it is, and refuses an endpoint beside one', () => {
    expect(
      javaClientTarget('http://h:7007/api/data-platform/openlineage'),
    ).toBe('http://h:7007/api/data-platform/openlineage');
    expect(javaClientTarget('http://h:7007')).toBe(
      'http://h:7007/api/v1/lineage',
    );
    expect(() =>
      javaClientTarget('http://h:7007/api/data-platform', 'api/v1/lineage'),
    ).toThrow("You can't pass both uri and endpoint parameters.");
  });
});
