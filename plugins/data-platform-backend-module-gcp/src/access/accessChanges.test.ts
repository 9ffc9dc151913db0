import type { PlannedChange } from '@dataplatform/backstage-plugin-data-platform-common';
import { accessChangesOf } from './accessChanges';

const change = (overrides: Partial<PlannedChange>): PlannedChange => ({
  action: 'grant',
  field: 'access.readers',
  source: 'spec.access.readers',
  description: 'let the royalties team read it',
  additive: true,
  ...overrides,
});

describe('accessChangesOf', () => {
  it('takes the role and member from the planned change, not from its wording', () => {
    const grant = change({
      role: 'roles/bigquery.dataViewer',
      member: 'group:royalties@tunewave.example',
    });
    const revoke = change({
      action: 'revoke',
      description: 'Eve left the team',
      role: 'roles/bigquery.dataViewer',
      member: 'user:eve@tunewave.example',
      additive: false,
    });
    const labels = change({ action: 'set-labels', field: 'labels' });

    expect(accessChangesOf([grant, labels, revoke])).toEqual([
      {
        change: grant,
        grant: true,
        role: 'roles/bigquery.dataViewer',
        member: 'group:royalties@tunewave.example',
      },
      {
        change: revoke,
        grant: false,
        role: 'roles/bigquery.dataViewer',
        member: 'user:eve@tunewave.example',
      },
    ]);
  });

  it('refuses a grant that does not say which role goes to whom', () => {
    expect(() =>
      accessChangesOf([
        change({ description: 'grant roles/bigquery.dataViewer to group:x' }),
      ]),
    ).toThrow(
      'The planned access change "grant roles/bigquery.dataViewer to group:x" does not name a role and a member',
    );
  });
});
