import { makeStyles } from '@material-ui/core/styles';
import { pageBackgrounds, statusTextOn } from './textContrast';

/**
 * `readableErrors`: for a form whose problems must be read, on a card or on
 * the page. MUI writes field errors in the theme's `error.main`, which for
 * Backstage's themes is MUI's default red, 3.7:1 on white; inside this class
 * they take the theme's readable error colour.
 */
export const useStatusTextStyles = makeStyles(
  theme => {
    const on = [theme.palette.background.paper, ...pageBackgrounds(theme)];
    return {
      // By class name prefix, as in useOnPageStyles.
      readableErrors: {
        '& [class*="MuiFormHelperText-root"].Mui-error, & [class*="MuiFormLabel-root"].Mui-error, & [class*="MuiTypography-colorError"]':
          { color: statusTextOn(theme, 'error', ...on) },
      },
      error: { color: statusTextOn(theme, 'error', ...on) },
      warning: { color: statusTextOn(theme, 'warning', ...on) },
      success: { color: statusTextOn(theme, 'success', ...on) },
    };
  },
  { name: 'DataPlatformStatusText' },
);
