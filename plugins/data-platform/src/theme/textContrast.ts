import {
  darken,
  decomposeColor,
  getContrastRatio,
  lighten,
  recomposeColor,
  Theme,
} from '@material-ui/core/styles';

/** WCAG 2.1 AA for normal-size text (1.4.3). */
export const TEXT_CONTRAST_AA = 4.5;

/** A translucent colour as it shows over an opaque background. */
export function over(colour: string, background: string): string {
  const fg = decomposeColor(colour);
  const bg = decomposeColor(background);
  const a = fg.values[3] ?? 1;
  const blend = (i: number) =>
    Math.round(fg.values[i] * a + bg.values[i] * (1 - a));
  return recomposeColor({
    type: 'rgb',
    values: [blend(0), blend(1), blend(2)],
  });
}

/**
 * The first of `candidates` that reads at 4.5:1 over every background;
 * failing that, the first moved away from the backgrounds (darker in a light
 * theme, lighter in a dark one) in small steps until it does. A colour the
 * theme chose is kept whenever it is readable.
 */
export function readableOn(
  candidates: string[],
  backgrounds: string[],
  type: 'light' | 'dark',
): string {
  const readable = (colour: string) =>
    backgrounds.every(
      bg => getContrastRatio(over(colour, bg), bg) >= TEXT_CONTRAST_AA,
    );
  const found = candidates.find(readable);
  if (found) return found;
  let colour = over(candidates[0], backgrounds[0]);
  for (let step = 0; step < 50 && !readable(colour); step++) {
    colour = type === 'dark' ? lighten(colour, 0.04) : darken(colour, 0.04);
  }
  return colour;
}

/**
 * The page behind content that is not on a card. Backstage UI paints it
 * (`--bui-bg-app`, #f5f5f5 in the light theme) a shade darker than the MUI
 * theme's `background.default` (#f8f8f8): text must read on both.
 */
export function pageBackgrounds(theme: Theme): string[] {
  const page = theme.palette.background.default;
  return [
    page,
    theme.palette.type === 'dark' ? lighten(page, 0.02) : darken(page, 0.02),
  ];
}

/**
 * Secondary text (types, counts, hints) over a background, tinted or not:
 * the theme's `text.secondary` where it is readable there, else a shade
 * further from the background.
 */
export function secondaryTextOn(theme: Theme, ...backgrounds: string[]) {
  return readableOn(
    [theme.palette.text.secondary],
    backgrounds,
    theme.palette.type,
  );
}

/**
 * Error, warning or success text over a background: of the theme's colours
 * for it, `main` when readable, else the one on the far side from the
 * background (`dark` in a light theme: MUI's default error `main`, #f44336,
 * reads at 3.7:1 on white), else a shade further still.
 */
export function statusTextOn(
  theme: Theme,
  status: 'error' | 'warning' | 'success',
  ...backgrounds: string[]
) {
  const colours = theme.palette[status];
  const type = theme.palette.type;
  return readableOn(
    [colours.main, type === 'dark' ? colours.light : colours.dark],
    backgrounds,
    type,
  );
}
