import { specEntityRefs } from './entityRefs';

const referrer = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'Pipeline',
  metadata: { name: 'p', namespace: 'royalties' },
};

describe('specEntityRefs', () => {
  it('fills in the default kind and the referrer namespace, keeps explicit ones, drops duplicates', () => {
    expect(
      specEntityRefs(
        [
          'daily-streams',
          'dataendpoint:default/plays',
          'royalties/daily-streams',
        ],
        { defaultKind: 'dataendpoint', referrer },
      ),
    ).toEqual([
      { kind: 'dataendpoint', namespace: 'royalties', name: 'daily-streams' },
      { kind: 'dataendpoint', namespace: 'default', name: 'plays' },
    ]);
  });

  it('ignores what is not a list of refs', () => {
    expect(
      specEntityRefs(undefined, { defaultKind: 'group', referrer }),
    ).toEqual([]);
    expect(
      specEntityRefs(['', 42], { defaultKind: 'group', referrer }),
    ).toEqual([]);
  });
});
