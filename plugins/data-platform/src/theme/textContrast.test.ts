import { createTheme, getContrastRatio } from '@material-ui/core/styles';
import { lightTheme, darkTheme } from '@backstage/theme';
import {
  over,
  pageBackgrounds,
  readableOn,
  secondaryTextOn,
  statusTextOn,
} from './textContrast';

const themes = { light: lightTheme, dark: darkTheme };

describe('over', () => {
  it('blends a translucent colour into the background', () => {
    expect(over('rgba(0, 0, 0, 0.5)', '#ffffff')).toBe('rgb(128, 128, 128)');
    expect(over('#123456', '#ffffff')).toBe('rgb(18, 52, 86)');
  });
});

describe('readableOn', () => {
  it('keeps the first candidate that is readable', () => {
    expect(readableOn(['#777777', '#000000'], ['#ffffff'], 'light')).toBe(
      '#000000',
    );
    expect(readableOn(['#595959'], ['#ffffff'], 'light')).toBe('#595959');
  });

  it('darkens, in a light theme, a colour that is not readable', () => {
    const colour = readableOn(['#999999'], ['#ffffff'], 'light');
    expect(getContrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('lightens it in a dark theme', () => {
    const colour = readableOn(['#666666'], ['#333333'], 'dark');
    expect(getContrastRatio(colour, '#333333')).toBeGreaterThanOrEqual(4.5);
  });
});

describe.each(Object.entries(themes))('in the %s theme', (_, theme) => {
  const paper = theme.palette.background.paper;
  // The schema diff's row tints.
  const tints = [
    'rgba(46, 160, 67, 0.15)',
    'rgba(248, 81, 73, 0.15)',
    'rgba(210, 153, 34, 0.18)',
  ].map(tint => over(tint, paper));

  it('secondary text reads at 4.5:1 on the page and on tinted rows', () => {
    for (const bg of [...pageBackgrounds(theme), ...tints, paper, '#f5f5f5']) {
      if (theme.palette.type === 'dark' && bg === '#f5f5f5') continue;
      const colour = secondaryTextOn(theme, bg);
      expect(getContrastRatio(over(colour, bg), bg)).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });

  it.each(['error', 'warning', 'success'] as const)(
    '%s text reads at 4.5:1 on cards and the page',
    status => {
      for (const bg of [paper, ...pageBackgrounds(theme)]) {
        const colour = statusTextOn(
          theme,
          status,
          paper,
          ...pageBackgrounds(theme),
        );
        expect(getContrastRatio(colour, bg)).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});

it("takes the error colour from the theme's palette", () => {
  const theme = createTheme({ palette: { error: { main: '#b00020' } } });
  expect(statusTextOn(theme, 'error', '#ffffff')).toBe('#b00020');
  // MUI's default, #f44336, is 3.7:1 on white: its darker shade is used.
  expect(statusTextOn(createTheme(), 'error', '#ffffff')).toBe(
    createTheme().palette.error.dark,
  );
});
