import { makeStyles } from '@material-ui/core/styles';
import { pageBackgrounds, secondaryTextOn } from './textContrast';

/**
 * `readableSecondary`: for a view built with Backstage UI, whose secondary
 * text colour (`--bui-fg-secondary`, #a3a3a3) reads at 4.0:1 on its own
 * dark cards. Inside this class it is the shade of the theme's secondary
 * text that reads at 4.5:1 on cards and on the page.
 */
export const useBuiTextStyles = makeStyles(
  theme => ({
    readableSecondary: {
      '--bui-fg-secondary': secondaryTextOn(
        theme,
        theme.palette.background.paper,
        ...pageBackgrounds(theme),
      ),
    },
  }),
  { name: 'DataPlatformBuiText' },
);
