import { fieldMode, fieldPii, flattenFields, SchemaField } from './fields';

describe('schema field helpers', () => {
  it('applies the defaults NULLABLE and none', () => {
    const field: SchemaField = { name: 'country', type: 'STRING' };
    expect(fieldMode(field)).toBe('NULLABLE');
    expect(fieldPii(field)).toBe('none');
    expect(fieldMode({ ...field, mode: 'REPEATED' })).toBe('REPEATED');
    expect(fieldPii({ ...field, pii: 'drop' })).toBe('drop');
  });

  it('flattens nested fields depth first with dotted paths and depths', () => {
    const flat = flattenFields([
      { name: 'user_id', type: 'STRING' },
      {
        name: 'track',
        type: 'RECORD',
        fields: [
          { name: 'uri', type: 'STRING' },
          {
            name: 'album',
            type: 'RECORD',
            fields: [{ name: 'name', type: 'STRING' }],
          },
        ],
      },
      { name: 'played_at', type: 'TIMESTAMP' },
    ]);
    expect(flat.map(({ path, depth }) => [path, depth])).toEqual([
      ['user_id', 1],
      ['track', 1],
      ['track.uri', 2],
      ['track.album', 2],
      ['track.album.name', 3],
      ['played_at', 1],
    ]);
  });
});
