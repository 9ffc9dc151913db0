import {
  parseBooleanOption,
  parseLabelsOption,
  parseNumberOption,
  parseStringOption,
} from './optionValues';

describe('TABLE_OPTIONS values', () => {
  it('reads string literals with their escapes', () => {
    expect(parseStringOption('"Every track \\"played\\"\\nper hour"')).toBe(
      'Every track "played"\nper hour',
    );
    expect(parseStringOption("'caf\\u00e9 \\x41'")).toBe('café A');
  });

  it('reads labels from an array of STRUCTs', () => {
    expect(
      parseLabelsOption(
        '[STRUCT("managed-by", "backstage-data-platform"), STRUCT("owner", "playback")]',
      ),
    ).toEqual({ 'managed-by': 'backstage-data-platform', owner: 'playback' });
    expect(parseLabelsOption('[]')).toEqual({});
  });

  it('reads numbers and booleans', () => {
    expect(parseNumberOption('90.0')).toBe(90);
    expect(parseNumberOption('0.5')).toBe(0.5);
    expect(parseBooleanOption('true')).toBe(true);
    expect(parseBooleanOption('false')).toBe(false);
  });
});
