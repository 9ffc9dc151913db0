import { makeStyles, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  BreakingChange,
  brokenConsumers,
  describeConsumerPath,
  AffectedConsumer,
} from '@dataplatform/backstage-plugin-data-platform-common';

const useStyles = makeStyles(
  theme => ({
    list: {
      margin: theme.spacing(0.5, 0, 1),
      paddingLeft: theme.spacing(3),
      // Job and dataset names are long words: they wrap on a phone.
      overflowWrap: 'anywhere',
      // Links inside a sentence: told apart by more than their colour.
      '& a': { textDecoration: 'underline' },
    },
  }),
  { name: 'DataPlatformConsumerBreakage' },
);

const isEntityRef = (id: string) => !id.startsWith('openlineage:');

function Name(props: { id: string; title: string }) {
  return isEntityRef(props.id) ? (
    <EntityRefLink entityRef={props.id} title={props.title} />
  ) : (
    <span>{props.title}</span>
  );
}

function ConsumerLine(props: { consumer: AffectedConsumer; paths: string[] }) {
  const { consumer, paths } = props;
  return (
    <li>
      <Typography variant="body2" component="span">
        <Name id={consumer.id} title={consumer.title} /> (
        {consumer.kind === 'Job' || consumer.kind === 'Pipeline'
          ? 'pipeline'
          : 'dataset'}
        ), owned by{' '}
        {consumer.owner ? (
          <EntityRefLink entityRef={consumer.owner} />
        ) : (
          'no one in the catalog'
        )}
        , reads {paths.join(', ')}: {describeConsumerPath(consumer)}
      </Typography>
    </li>
  );
}

/**
 * Who a schema change will break: each consumer once, with its owner, the
 * changed fields it reads and the lineage it reads them through.
 */
export function ConsumerBreakage(props: { breaking: BreakingChange[] }) {
  const classes = useStyles();
  const consumers = brokenConsumers(props.breaking);
  const pathsOf = (id: string) =>
    props.breaking
      .filter(b => b.consumers.some(c => c.id === id))
      .map(b => b.change.path);
  return (
    <ul className={classes.list} aria-label="Consumers that will break">
      {consumers.map(c => (
        <ConsumerLine key={c.id} consumer={c} paths={pathsOf(c.id)} />
      ))}
    </ul>
  );
}

/** A sentence naming the breaking changes: `ms_played (removed) breaks 12 consumers`. */
export function breakageSentence(breaking: BreakingChange[]): string {
  const count = brokenConsumers(breaking).length;
  const fields = breaking.map(b => b.change.path).join(', ');
  return `${fields} ${
    breaking.length === 1 ? 'is' : 'are'
  } read by ${count} consumer${count === 1 ? '' : 's'} that will break`;
}
