import { TestDatabases } from '@backstage/backend-test-utils';
import { markDirty } from './PiiCatalogStore';
import { endpointRef, piiTestbed } from './__testUtils__/piiTestbed';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The node ref and column of each step of a stored path. */
async function namedPath(
  bed: Awaited<ReturnType<typeof piiTestbed>>,
  path: string,
) {
  const steps: { n: number; c?: string }[] = JSON.parse(path);
  const rows = await bed.db('lineage_nodes').whereIn(
    'id',
    steps.map(s => s.n),
  );
  const refs = new Map(rows.map(r => [r.id, r.entity_ref]));
  return steps.map(
    s => `${refs.get(s.n)}${s.c !== undefined ? `.${s.c}` : ''}`,
  );
}

async function columnsOf(
  bed: Awaited<ReturnType<typeof piiTestbed>>,
  name: string,
) {
  const node = await bed
    .db('lineage_nodes')
    .where('entity_ref', endpointRef(name))
    .first();
  const pii = (await bed.results.read([node.id])).get(node.id);
  return Object.fromEntries(
    [...(pii ?? [])].map(([column, reaches]) => [
      column,
      Object.fromEntries(
        Object.entries(reaches).map(([certainty, r]) => [
          certainty,
          r!.classification,
        ]),
      ),
    ]),
  );
}

describe.each(databases.eachSupportedId())('PiiPropagator on %s', id => {
  async function bed() {
    return piiTestbed(await databases.init(id));
  }

  it('carries a declared column downstream until a masking transformation', async () => {
    const b = await bed();
    await b.endpoint('users', { email: 'pseudonymize', country: null });
    await b.endpoint('profiles', { email: null, email_hash: null });
    await b.endpoint('mailing', { contact: null });
    await b.endpoint('hashed_report', { email_hash: null });
    await b.flow('build_profiles', 'users', 'profiles', [
      ['email', 'email'],
      ['email', 'email_hash', 'masked'],
    ]);
    await b.flow('build_mailing', 'profiles', 'mailing', [
      ['email', 'contact'],
    ]);
    await b.flow('build_report', 'profiles', 'hashed_report', [
      ['email_hash', 'email_hash'],
    ]);

    const summary = await b.propagator.recomputeAll();

    expect(await columnsOf(b, 'profiles')).toEqual({
      email: { derived: 'pseudonymize' },
    });
    expect(await columnsOf(b, 'mailing')).toEqual({
      contact: { derived: 'pseudonymize' },
    });
    expect(await columnsOf(b, 'hashed_report')).toEqual({});
    const [row] = await b
      .db('pii_columns')
      .join('lineage_nodes', 'lineage_nodes.id', 'pii_columns.node_id')
      .where('entity_ref', endpointRef('mailing'));
    expect(await namedPath(b, row.path)).toEqual([
      'dataendpoint:default/users.email',
      'dataendpoint:default/profiles.email',
      'dataendpoint:default/mailing.contact',
    ]);
    expect(summary).toMatchObject({
      mode: 'full',
      declaredColumns: 1,
      derivedColumns: 2,
    });
  });

  it('ends on cycles and keeps the strongest classification with its path', async () => {
    const b = await bed();
    await b.endpoint('listeners', { email: 'pseudonymize' });
    await b.endpoint('payments', { card: 'drop' });
    await b.endpoint('joined', { who: null });
    await b.endpoint('loop', { who: null });
    await b.flow('join', 'listeners', 'joined', [['email', 'who']]);
    await b.flow('join_payments', 'payments', 'joined', [['card', 'who']]);
    // joined.who -> loop.who -> joined.who
    await b.flow('loop_out', 'joined', 'loop', [['who', 'who']]);
    await b.flow('loop_back', 'loop', 'joined', [['who', 'who']]);

    await b.propagator.recomputeAll();

    expect(await columnsOf(b, 'joined')).toEqual({ who: { derived: 'drop' } });
    expect(await columnsOf(b, 'loop')).toEqual({ who: { derived: 'drop' } });
    const finding = await b
      .db('pii_findings')
      .where('endpoint_ref', endpointRef('loop'))
      .first();
    expect(await namedPath(b, finding.path)).toEqual([
      'dataendpoint:default/payments.card',
      'dataendpoint:default/joined.who',
      'dataendpoint:default/loop.who',
    ]);
  });

  it('says a dataset read only at dataset level may contain the PII', async () => {
    const b = await bed();
    await b.endpoint('users', { email: 'encrypt' });
    await b.endpoint('user_counts', { country: null, listeners: null });
    await b.endpoint('marked_counts', {
      country: null,
      listener_id: 'pseudonymize',
    });
    await b.flow('count_users', 'users', 'user_counts', []);
    await b.flow('count_marked', 'users', 'marked_counts', []);

    await b.propagator.recomputeAll();

    expect(await columnsOf(b, 'user_counts')).toEqual({
      '': { mayContain: 'encrypt' },
    });
    const findings = await b.db('pii_findings').orderBy('endpoint_ref');
    // marked_counts declares personal data of its own: no finding.
    expect(findings).toEqual([
      expect.objectContaining({
        endpoint_ref: endpointRef('user_counts'),
        column: '',
        kind: 'undeclared',
        certainty: 'mayContain',
        classification: 'encrypt',
      }),
    ]);
    const steps = JSON.parse(findings[0].path);
    expect(steps).toHaveLength(2);
    expect(steps[1].c).toBeUndefined();
    expect(steps[1].v).toEqual(expect.any(Number));
  });

  it('finds columns declared none and columns without a mark, since the first time', async () => {
    const b = await bed();
    await b.endpoint('users', { email: 'pseudonymize' });
    await b.endpoint('newsletter', { address: 'none', opted_in: null });
    await b.flow('export', 'users', 'newsletter', [
      ['email', 'address'],
      ['email', 'opted_in'],
      ['email', 'unlisted'],
    ]);
    await b.propagator.recomputeAll();
    const first = await b.db('pii_findings').orderBy('column');
    expect(first.map(f => [f.column, f.kind])).toEqual([
      ['address', 'declaredNone'],
      ['opted_in', 'undeclared'],
      ['unlisted', 'undeclared'],
    ]);

    b.advance(3_600_000);
    await b.endpoint('newsletter', { address: 'pseudonymize', opted_in: null });
    await b.propagator.recomputeAll();
    const second = await b.db('pii_findings').orderBy('column');
    expect(second.map(f => [f.column, Number(f.since)])).toEqual([
      ['opted_in', Number(first[1].since)],
      ['unlisted', Number(first[2].since)],
    ]);
  });

  it('recomputes only downstream of changes, to what a full recompute gives', async () => {
    const b = await bed();
    await b.endpoint('users', { email: 'pseudonymize', ssn: 'drop' });
    await b.endpoint('profiles', { email: 'none' });
    await b.endpoint('mailing', { contact: null });
    await b.endpoint('side', { other: null });
    await b.endpoint('unrelated', { plays: null });
    await b.flow('build_profiles', 'users', 'profiles', [['email', 'email']]);
    await b.flow('build_mailing', 'profiles', 'mailing', [
      ['email', 'contact'],
    ]);
    await b.flow('count_side', 'profiles', 'side', []);
    await b.propagator.recomputeAll();
    await b.db('pii_dirty_nodes').delete();

    // New column lineage arrives, and users' marks change.
    await b.flow('build_profiles', 'users', 'profiles', [
      ['email', 'email'],
      ['ssn', 'tax_id'],
    ]);
    await b.endpoint('users', { email: 'encrypt', ssn: 'drop' });
    await markDirty(b.db, ['openlineage:dataset:bigquery/acme.music.profiles']);
    const incremental = await b.propagator.processChanges();
    expect(incremental).toMatchObject({ mode: 'incremental' });
    // users, profiles, mailing and side: not unrelated.
    expect(incremental!.nodes).toBe(4);
    expect(await b.db('pii_dirty_nodes')).toEqual([]);
    const afterIncremental = await b.snapshot();

    await b.propagator.recomputeAll();
    expect(afterIncremental).toEqual(await b.snapshot());
    expect(
      afterIncremental.findings.map(f => [f.endpoint_ref, f.column]),
    ).toEqual([
      [endpointRef('mailing'), 'contact'],
      [endpointRef('profiles'), 'email'],
      [endpointRef('profiles'), 'tax_id'],
      [endpointRef('side'), ''],
    ]);

    // A new reader of profiles: only it is recomputed, from what profiles
    // was found to carry.
    await b.endpoint('archive', { tax_id: null });
    await b.db('pii_dirty_nodes').delete();
    await b.flow('archive_profiles', 'profiles', 'archive', [
      ['tax_id', 'tax_id'],
    ]);
    await markDirty(b.db, ['openlineage:dataset:bigquery/acme.music.archive']);
    expect(await b.propagator.processChanges()).toMatchObject({ nodes: 1 });
    const afterSecond = await b.snapshot();
    expect(
      afterSecond.columns.filter(c => c.entity_ref === endpointRef('archive')),
    ).toEqual([
      expect.objectContaining({ column: 'tax_id', classification: 'drop' }),
    ]);
    await b.propagator.recomputeAll();
    expect(afterSecond).toEqual(await b.snapshot());
  });

  it('recomputes everything when more is queued than one pass takes', async () => {
    const b = await piiTestbed(await databases.init(id), { maxQueued: 3 });
    await b.endpoint('users', { email: 'pseudonymize' });
    await b.endpoint('mailing', { contact: null });
    await b.flow('mail', 'users', 'mailing', [['email', 'contact']]);
    await b.endpoint('side', { other: null });
    expect(await b.db('pii_dirty_nodes')).toHaveLength(3);
    expect(await b.propagator.processChanges()).toMatchObject({
      mode: 'full',
      findings: 1,
    });
    expect(await b.db('pii_dirty_nodes')).toEqual([]);
  });
});
