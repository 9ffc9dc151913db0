import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEventTypeFields } from './eventTypeFields';

describe('catalogEventTypeFields', () => {
  it('reads an event type once per minute, however many endpoints ask', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'dataplatform.io/v1alpha1',
          kind: 'EventType',
          metadata: { name: 'track-played', namespace: 'default' },
          spec: { schema: { fields: [{ name: 'user_id', type: 'STRING' }] } },
        },
      ],
    });
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    let now = 0;
    const lookup = catalogEventTypeFields(
      { catalog, auth: mockServices.auth() },
      { ttlMs: 60_000, now: () => now },
    );
    const ref = 'eventtype:default/track-played';
    expect(await lookup(ref)).toEqual([{ name: 'user_id', type: 'STRING' }]);
    expect(await lookup(ref)).toHaveLength(1);
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    now = 61_000;
    await lookup(ref);
    expect(getEntityByRef).toHaveBeenCalledTimes(2);
    expect(await lookup('eventtype:default/nope')).toBeUndefined();
  });
});
