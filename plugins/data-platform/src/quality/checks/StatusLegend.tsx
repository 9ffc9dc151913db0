import { Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  STATUS_ORDER,
  STATUS_PRESENTATION,
  statusCellStyle,
} from '../format/presentation';

const useStyles = makeStyles(
  {
    swatch: {
      width: 14,
      height: 14,
      borderRadius: 3,
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      fontSize: 10,
      fontWeight: 700,
      boxSizing: 'border-box',
      marginRight: 4,
    },
  },
  { name: 'DataPlatformQualityStatusLegend' },
);

/** What the grid's colours and glyphs mean. */
export function StatusLegend() {
  const classes = useStyles();
  return (
    <Flex gap="3" style={{ flexWrap: 'wrap', marginTop: 8 }} aria-hidden>
      {STATUS_ORDER.map(status => {
        const look = STATUS_PRESENTATION[status];
        return (
          <Text key={status} variant="body-x-small" color="secondary">
            <span className={classes.swatch} style={statusCellStyle(status)}>
              {look.glyph}
            </span>
            {look.label}
          </Text>
        );
      })}
    </Flex>
  );
}
