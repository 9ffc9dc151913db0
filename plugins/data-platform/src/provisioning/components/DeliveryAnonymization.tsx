import { Flex, Text } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import type {
  DesiredResourceOf,
  ResourceState,
} from '@dataplatform/backstage-plugin-data-platform-common';

const useStyles = makeStyles(
  {
    rows: {
      margin: 0,
      display: 'grid',
      gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
      gap: 'var(--bui-space-1) var(--bui-space-3)',
      overflowWrap: 'anywhere',
      '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
    },
    // a path moves to the next line whole rather than breaking inside
    path: { display: 'inline-block' },
    term: { fontWeight: 'var(--bui-font-weight-bold)' as any },
    detail: { margin: 0 },
    notApplied: { color: 'var(--bui-warning-fg-subdued)' },
  },
  { name: 'DataPlatformInfrastructureDeliveryAnonymization' },
);

function Paths(props: { paths: string[] }) {
  const classes = useStyles();
  if (props.paths.length === 0) return <>none</>;
  return (
    <>
      {props.paths.map((path, index) => (
        <span key={path}>
          {index > 0 && ', '}
          <code className={classes.path}>{path}</code>
        </span>
      ))}
    </>
  );
}

function caveat(state: ResourceState): string | undefined {
  if (state === 'in-sync') return undefined;
  if (state === 'unmanaged') {
    return 'Nothing applies this here: no installed provisioner creates deliveries.';
  }
  return 'The delivery is not in sync, so what it does now may differ until it is applied.';
}

/**
 * What the delivery does to personal data on the way from the topic into
 * the table, from the schema's PII marks: fields dropped, fields replaced
 * by keyed hashes, and `encrypt` fields, which are not applied yet.
 */
export function DeliveryAnonymization(props: {
  delivery: DesiredResourceOf<'delivery'>;
  state: ResourceState;
}) {
  const classes = useStyles();
  const { spec } = props.delivery;
  const { dropped, pseudonymized, notApplied } = spec.anonymization;
  const note = caveat(props.state);
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small" as="p">
        From topic <code>{spec.topic}</code> into table{' '}
        <code>{`${spec.table.project}.${spec.table.dataset}.${spec.table.table}`}</code>
        , schema revision {spec.revision}
        {spec.pipeline && (
          <>
            , in place of the declared pipeline{' '}
            <EntityRefLink entityRef={spec.pipeline} />
          </>
        )}
        . Its transform, generated from the schema's PII marks:
      </Text>
      <dl className={classes.rows}>
        <dt className={classes.term}>Dropped</dt>
        <dd className={classes.detail}>
          <Paths paths={dropped} />
        </dd>
        <dt className={classes.term}>Pseudonymized</dt>
        <dd className={classes.detail}>
          <Paths paths={pseudonymized} />
          {pseudonymized.length > 0 && ' (replaced by a keyed hash)'}
        </dd>
        {notApplied.length > 0 && (
          <>
            <dt className={`${classes.term} ${classes.notApplied}`}>
              Encrypt: not applied
            </dt>
            <dd className={`${classes.detail} ${classes.notApplied}`}>
              <Paths paths={notApplied} />: per-user encryption is not applied
              yet, so these land unchanged.
            </dd>
          </>
        )}
      </dl>
      {note && (
        <Text variant="body-small" color="secondary" as="p">
          {note}
        </Text>
      )}
    </Flex>
  );
}
