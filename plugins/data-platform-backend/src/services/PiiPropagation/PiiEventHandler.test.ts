import { TestDatabases } from '@backstage/backend-test-utils';
import { openLineageApp } from '../../routes/__testUtils__/openLineageApp';
import { columnLineage, runEvent } from '../OpenLineage/__fixtures__/events';
import { PiiEventHandler } from './PiiEventHandler';
import { dataset, endpointRef, piiTestbed } from './__testUtils__/piiTestbed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const named = (name: string) => {
  const { namespace, name: full } = dataset(name);
  return { namespace, name: full };
};

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean) {
  const until = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe.each(databases.eachSupportedId())('PiiEventHandler on %s', id => {
  it('recomputes downstream personal data once an ingested batch commits', async () => {
    const db = await databases.init(id);
    const bed = await piiTestbed(db);
    const ol = await openLineageApp(db, {
      handlers: [new PiiEventHandler(() => bed.propagator.requestChanges(0))],
    });
    await bed.endpoint('users', { email: 'pseudonymize' });
    await bed.endpoint('mailing', { contact: null });
    await bed.endpoint('mailing_hashed', { contact_hash: null });
    await bed.propagator.recomputeAll();
    await db('pii_dirty_nodes').delete();

    const event = (runId: string, eventTime: string) =>
      runEvent({
        runId,
        eventTime,
        job: { namespace: 'airflow', name: 'build_mailing' },
        inputs: [named('users')],
        outputs: [
          {
            ...named('mailing'),
            facets: columnLineage({
              contact: [{ input: named('users'), field: 'email' }],
            }),
          },
          {
            ...named('mailing_hashed'),
            facets: columnLineage({
              contact_hash: [
                {
                  input: named('users'),
                  field: 'email',
                  subtype: 'TRANSFORMATION',
                  masking: true,
                },
              ],
            }),
          },
        ],
      });
    const first = await ol
      .post()
      .send(
        event('0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d51', '2026-12-21T10:05:00Z'),
      );
    expect(first.status).toBeLessThan(300);

    const findings = await eventually(
      () => db('pii_findings').select('endpoint_ref', 'column', 'kind'),
      rows => rows.length > 0,
    );
    expect(findings).toEqual([
      {
        endpoint_ref: endpointRef('mailing'),
        column: 'contact',
        kind: 'undeclared',
      },
    ]);
    expect(
      await eventually(
        () => db('pii_dirty_nodes'),
        rows => rows.length === 0,
      ),
    ).toEqual([]);

    // The next hour's run shows the same lineage: nothing is queued.
    await ol
      .post()
      .send(
        event('0193a3c6-6b1e-7b6c-9d6a-1f0e2b3c4d52', '2026-12-21T11:05:00Z'),
      );
    expect(await db('pii_dirty_nodes')).toEqual([]);
    bed.propagator.stop();
  });
});
