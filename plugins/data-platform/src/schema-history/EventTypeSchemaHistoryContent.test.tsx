import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { EventTypeEntity } from '@dataplatform/backstage-plugin-data-platform-common';
import { EventTypeSchemaHistoryContent } from './EventTypeSchemaHistoryContent';

const base = [
  { name: 'event_id', type: 'STRING' as const, mode: 'REQUIRED' as const },
  { name: 'user_id', type: 'STRING' as const, mode: 'REQUIRED' as const },
];
const entity: EventTypeEntity = {
  apiVersion: 'dataplatform.io/v1alpha1',
  kind: 'EventType',
  metadata: {
    name: 'track-played',
    annotations: {
      'dataplatform.io/schema-revised-at': '2025-01-10T08:30:00.000Z',
      'dataplatform.io/schema-revision-comment': 'Add context',
    },
  },
  spec: {
    owner: 'group:default/playback',
    lifecycle: 'production',
    delivery: { partitioning: 'HOUR', retentionDays: 90 },
    schema: {
      revision: 3,
      compatibility: 'FULL',
      fields: [
        ...base,
        { name: 'ms_played', type: 'FLOAT64' },
        {
          name: 'context',
          type: 'RECORD',
          fields: [{ name: 'os', type: 'STRING' }],
        },
      ],
      history: [
        {
          revision: 1,
          fields: base,
          createdAt: '2024-02-05',
          comment: 'First revision',
        },
        {
          revision: 2,
          fields: [
            ...base,
            { name: 'ms_played', type: 'INT64' },
            { name: 'shuffle', type: 'BOOL' },
          ],
          createdAt: '2024-06-01',
          comment: 'Add ms_played and shuffle',
        },
      ],
    },
  },
};

async function render() {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EventTypeSchemaHistoryContent />
    </EntityProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EventTypeSchemaHistoryContent', () => {
  it('lists every revision with its verdict under the compatibility mode', async () => {
    await render();
    expect(screen.getByText('FULL')).toBeInTheDocument();
    expect(screen.getByText(/upgrade in any order/)).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Schema revisions' }),
    ).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      'RevisionWrittenCommentTop-level fieldsChangesVerdict under FULL',
      '3 (current)2025-01-10 08:30 UTCAdd context41 type changed, 1 added, 1 removednot compatible (1 issue)',
      '22024-06-01Add ms_played and shuffle42 addedcompatible',
      '12024-02-05First revision2first revision',
    ]);
  });

  it('diffs any two revisions', async () => {
    await render();
    expect(
      screen.getByText(
        'Revision 2 → revision 3: 1 type changed, 1 added, 1 removed',
      ),
    ).toBeInTheDocument();
    const changes = screen.getByRole('table', { name: 'Schema changes' });
    expect(
      within(changes).getByLabelText('ms_played forward compatible: no'),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('From'), '1');
    expect(
      screen.getByText('Revision 1 → revision 3: 2 added'),
    ).toBeInTheDocument();
    const diff = screen.getByRole('list', { name: 'Field diff' });
    expect(within(diff).getByLabelText('added context')).toBeInTheDocument();
    expect(within(diff).getByLabelText('added context.os')).toBeInTheDocument();
    expect(
      within(diff).getByLabelText('unchanged user_id'),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('To'), '2');
    expect(
      within(screen.getByRole('list', { name: 'Field diff' })).getByLabelText(
        'added shuffle',
      ),
    ).toBeInTheDocument();
  });
});
