import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { Link, Text } from '@backstage/ui';
import { dataQualityApiRef } from '../../api/qualityApi';
import { componentLabel } from '../format/presentation';
import { useQualityTabLink } from '../links';
import { QualityScoreBadge } from '../score/ScoreBadge';
import { qualityScoreBatchesFor } from './QualityScoreBatches';

/** One row's score in a list, fetched with the other rows' in one request. */
export function QualityScoreCell(props: { entityRef: string }) {
  const { entityRef } = props;
  const api = useApi(dataQualityApiRef);
  const qualityTab = useQualityTabLink();
  const { value, loading, error } = useAsync(
    () => qualityScoreBatchesFor(api).score(entityRef),
    [api, entityRef],
  );
  if (loading) {
    return (
      <Text variant="body-small" color="secondary" aria-busy>
        …
      </Text>
    );
  }
  if (error) {
    return (
      <Text variant="body-small" color="secondary" title={error.message}>
        Unavailable
      </Text>
    );
  }
  if (!value) {
    return (
      <Text variant="body-small" color="secondary" title="No score yet">
        –
      </Text>
    );
  }
  const weakest = value.weakest
    ? `; lost most on ${componentLabel(value.weakest).toLowerCase()}`
    : '';
  return (
    <Link
      href={qualityTab(entityRef)}
      aria-label={`Quality score ${value.score}`}
    >
      <QualityScoreBadge
        score={value.score}
        title={`Score for ${value.day}${weakest}`}
      />
    </Link>
  );
}
