import { flattenFields } from '../schema/fields';
import { trackPlayedPlatform } from './__fixtures__/platform';
import { desiredResources } from './desiredResources';
import { planResource } from './planResource';
import type { DesiredResourceOf, ObservedResourceOf } from './resources';

const tableOf = (derived?: Record<string, any>) => {
  const catalog = trackPlayedPlatform();
  const { resources } = desiredResources({
    ...catalog,
    derivedPii: ref =>
      ref === 'dataendpoint:default/track-played-raw' ? derived : undefined,
  });
  return resources.find(
    r => r.type === 'bigquery-table',
  ) as DesiredResourceOf<'bigquery-table'>;
};
const marks = (table: DesiredResourceOf<'bigquery-table'>) =>
  Object.fromEntries(
    flattenFields(table.spec.fields).map(f => [f.path, f.field.pii ?? 'none']),
  );

describe('derived personal data in the desired state', () => {
  it('raises a column to what reaches it, never lowers a declared mark', () => {
    const plain = marks(tableOf());
    const table = tableOf({
      ms_played: 'encrypt',
      'context.device.os': 'pseudonymize',
      user_id: 'none',
    });
    expect(marks(table)).toEqual({
      ...plain,
      ms_played: 'encrypt',
      'context.device.os': 'pseudonymize',
    });
  });

  it('plans the policy tag of a derived column', () => {
    const table = tableOf({ ms_played: 'encrypt' });
    const tag = 'projects/p/locations/eu/taxonomies/1/policyTags/3';
    // The table as created before the derived mark was known.
    const { access: _access, ...created } = tableOf().spec;
    const observed: ObservedResourceOf<'bigquery-table'> = {
      type: 'bigquery-table',
      id: table.id,
      // Its declared encrypt column already carries the tag.
      spec: { ...created, policyTags: { email: tag } },
    };
    const plan = planResource(table, observed, {
      title: 'Google Cloud',
      policyTags: { encrypt: tag },
    });
    expect(
      plan.changes
        .filter(c => c.action === 'set-policy-tag')
        .map(c => `${c.field}: ${c.description}`),
    ).toEqual([`columns.ms_played: policy tag (none) -> ${tag}`]);
  });
});
