import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const directory = resolvePackagePath(
  '@dataplatform/backstage-plugin-data-platform-backend',
  'migrations',
);
const PII = '20261221_pii_propagation.js';
const TABLES = [
  'pii_catalog_entities',
  'pii_columns',
  'pii_findings',
  'pii_dirty_nodes',
];

describe.each(databases.eachSupportedId())(`migration %s on ${PII}`, id => {
  it('keeps propagated personal data, drops it going down, and comes back up', async () => {
    const db = await databases.init(id);
    await db.migrate.latest({ directory });
    const [node] = await db('lineage_nodes')
      .insert({
        kind: 'DataEndpoint',
        title: 'mailing',
        entity_ref: 'dataendpoint:default/mailing',
        search_text: 'mailing',
      })
      .returning('id');
    const nodeId = typeof node === 'object' ? node.id : node;
    await db('pii_catalog_entities').insert({
      entity_ref: 'dataendpoint:default/mailing',
      etag: 'e1',
      kind: 'dataendpoint',
      title: 'mailing',
      owner: 'group:default/listening',
      columns: JSON.stringify([['contact', null]]),
    });
    await db('pii_columns').insert({
      node_id: nodeId,
      column: 'contact',
      certainty: 'derived',
      classification: 'drop',
      path: JSON.stringify([{ n: nodeId, c: 'contact' }]),
      computed_at: 1_766_300_000_000,
    });
    await db('pii_findings').insert({
      endpoint_ref: 'dataendpoint:default/mailing',
      column: 'contact',
      owner: 'group:default/listening',
      kind: 'undeclared',
      certainty: 'derived',
      classification: 'drop',
      path: '[]',
      since: 1_766_300_000_000,
    });
    await db('pii_dirty_nodes').insert({ node: '*', marked_at: 1 });
    const [finding] = await db('pii_findings');
    expect(Number(finding.since)).toBe(1_766_300_000_000);

    // A node leaving the index takes its propagated columns with it.
    await db('lineage_nodes').where('id', nodeId).delete();
    expect(await db('pii_columns')).toEqual([]);

    await db.migrate.down({ directory, name: PII });
    for (const table of TABLES) {
      expect(await db.schema.hasTable(table)).toBe(false);
    }
    expect(await db.schema.hasTable('lineage_nodes')).toBe(true);

    await db.migrate.up({ directory, name: PII });
    for (const table of TABLES) {
      expect(await db(table)).toEqual([]);
    }
  });
});
