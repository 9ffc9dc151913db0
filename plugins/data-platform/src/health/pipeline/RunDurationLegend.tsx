import { makeStyles } from '@material-ui/core/styles';
import type { PipelineRun } from '@dataplatform/backstage-plugin-data-platform-common';
import { durationInWords } from '../../format/time';
import { RUN_COLOURS } from './runDurations';

const useStyles = makeStyles(
  {
    legend: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: 12,
      fontSize: 11,
      color: 'var(--bui-fg-secondary)',
      marginBottom: 4,
      '& span': { display: 'inline-flex', alignItems: 'center', gap: 4 },
    },
    swatch: { display: 'inline-block', width: 10, height: 10, borderRadius: 2 },
    medianSwatch: {
      display: 'inline-block',
      width: 16,
      borderTop: '1px dashed var(--bui-fg-primary)',
    },
  },
  { name: 'DataPlatformRunDurationLegend' },
);

/**
 * What the run chart's colours and dashed line mean: aborted and running
 * runs only when the chart has some, the median when there is one.
 */
export function RunDurationLegend(props: {
  runs: PipelineRun[];
  typical?: number;
}) {
  const classes = useStyles();
  const { runs, typical } = props;
  const swatch = (state: PipelineRun['state'], opacity = 1) => (
    <i
      className={classes.swatch}
      style={{ background: RUN_COLOURS[state], opacity }}
    />
  );
  return (
    <div className={classes.legend} aria-hidden>
      <span>{swatch('COMPLETE')}completed</span>
      <span>{swatch('FAIL')}failed ✕</span>
      {runs.some(r => r.state === 'ABORT') && (
        <span>{swatch('ABORT')}aborted</span>
      )}
      {runs.some(r => r.state === 'RUNNING') && (
        <span>{swatch('RUNNING', 0.5)}running (so far)</span>
      )}
      {typical !== undefined && (
        <span>
          <i className={classes.medianSwatch} />
          median of completed runs: {durationInWords(typical)}
        </span>
      )}
      <span>· x axis: partition, y axis: duration</span>
    </div>
  );
}
