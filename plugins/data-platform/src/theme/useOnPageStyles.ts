import { makeStyles } from '@material-ui/core/styles';
import { pageBackgrounds, secondaryTextOn } from './textContrast';

/**
 * `onPage`: for controls and notes that sit on the page itself rather than
 * on a card. MUI draws field labels, helper texts and secondary text in
 * `text.secondary`, which is below 4.5:1 on Backstage's grey page; inside
 * this class they take the readable shade instead. Focused and invalid
 * labels keep their own colour.
 */
export const useOnPageStyles = makeStyles(
  theme => {
    const colour = secondaryTextOn(theme, ...pageBackgrounds(theme));
    return {
      // By class name prefix: where the app names MUI classes with a suffix
      // ("MuiInputLabel-root-875"), a plain class selector misses them.
      onPage: {
        '& [class*="MuiInputLabel-root"]:not(.Mui-focused):not(.Mui-error), & [class*="MuiFormHelperText-root"]:not(.Mui-error), & [class*="MuiTypography-colorTextSecondary"]':
          { color: colour },
      },
    };
  },
  { name: 'DataPlatformOnPage' },
);
