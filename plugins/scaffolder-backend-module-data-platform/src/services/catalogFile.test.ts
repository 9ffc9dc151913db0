import { replaceCatalogDocuments } from './catalogFile';

describe('replaceCatalogDocuments', () => {
  const file = `# Event types of the Listening domain.
---
apiVersion: dataplatform.io/v1alpha1
kind: EventType
metadata:
  name: a
spec: { revision: 1 }
---
# B, with a comment
apiVersion: dataplatform.io/v1alpha1
kind: EventType
metadata:
  name: b
spec: { revision: 1 }
`;

  it('replaces only the matching document and keeps the comments', () => {
    const out = replaceCatalogDocuments(file, [
      {
        entity: {
          apiVersion: 'dataplatform.io/v1alpha1',
          kind: 'EventType',
          metadata: { name: 'b' },
        },
        yaml: 'apiVersion: dataplatform.io/v1alpha1\nkind: EventType\nmetadata:\n  name: b\nspec: { revision: 2 }\n',
      },
    ]);
    expect(out).toContain('# Event types of the Listening domain.');
    expect(out).toContain(
      '# B, with a comment\napiVersion: dataplatform.io/v1alpha1\nkind: EventType\nmetadata:\n  name: b\nspec: { revision: 2 }',
    );
    expect(out).toContain('name: a\nspec: { revision: 1 }');
    expect(out.match(/^---$/gm)).toHaveLength(2);
  });

  it('appends entities the file does not have', () => {
    const out = replaceCatalogDocuments('kind: X\nmetadata:\n  name: a\n', [
      {
        entity: { apiVersion: 'v1', kind: 'Y', metadata: { name: 'b' } },
        yaml: 'kind: Y\nmetadata:\n  name: b\n',
      },
    ]);
    expect(out).toBe(
      'kind: X\nmetadata:\n  name: a\n---\nkind: Y\nmetadata:\n  name: b\n',
    );
  });
});
