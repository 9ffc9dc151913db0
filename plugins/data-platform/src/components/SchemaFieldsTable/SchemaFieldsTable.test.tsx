import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SchemaFieldsTable } from './SchemaFieldsTable';
import { trackPlayed } from '../../__testUtils__/fixtures';

const fields = trackPlayed.spec.schema.fields;

function rowOf(text: string): HTMLElement {
  return screen
    .getByText(text, { exact: true })
    .closest('[role="row"]') as HTMLElement;
}

describe('SchemaFieldsTable', () => {
  it('shows top-level fields with type, mode and description, nested ones collapsed', () => {
    render(<SchemaFieldsTable fields={fields} initiallyExpanded={false} />);

    const userId = rowOf('user_id');
    expect(within(userId).getByText('STRING')).toBeInTheDocument();
    expect(within(userId).getByText('REQUIRED')).toBeInTheDocument();
    expect(within(userId).getByText('The listener')).toBeInTheDocument();
    expect(
      within(rowOf('ms_played')).getByText('NULLABLE'),
    ).toBeInTheDocument();

    expect(screen.getByText('context')).toBeInTheDocument();
    expect(screen.queryByText('device')).not.toBeInTheDocument();
    expect(screen.queryByText('os')).not.toBeInTheDocument();
  });

  it('expands a record into its nested fields, indented one level per depth, and collapses it again', async () => {
    const user = userEvent.setup();
    render(<SchemaFieldsTable fields={fields} initiallyExpanded={false} />);

    await user.click(screen.getByRole('button', { name: 'Expand context' }));
    expect(screen.getByText('device')).toBeInTheDocument();
    expect(screen.getByText('playlist_uri')).toBeInTheDocument();
    expect(screen.queryByText('os')).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Expand context.device' }),
    );
    const os = screen.getByText('os');
    expect(os).toHaveAttribute('title', 'context.device.os');
    expect(os.closest('[data-depth]')).toHaveAttribute('data-depth', '2');
    expect(screen.getByText('device').closest('[data-depth]')).toHaveAttribute(
      'data-depth',
      '1',
    );

    await user.click(screen.getByRole('button', { name: 'Collapse context' }));
    expect(screen.queryByText('device')).not.toBeInTheDocument();
    expect(screen.queryByText('os')).not.toBeInTheDocument();
  });

  it('expands and collapses every record at once', async () => {
    const user = userEvent.setup();
    render(<SchemaFieldsTable fields={fields} initiallyExpanded={false} />);

    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getByText('os')).toBeInTheDocument();
    expect(screen.getByText('at_ms')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(screen.queryByText('os')).not.toBeInTheDocument();
    expect(screen.queryByText('at_ms')).not.toBeInTheDocument();
  });

  it('starts expanded for a small schema', () => {
    render(<SchemaFieldsTable fields={fields} />);
    expect(screen.getByText('os')).toBeInTheDocument();
  });

  it('marks PII fields with their classification and leaves the others unmarked', () => {
    render(<SchemaFieldsTable fields={fields} initiallyExpanded />);

    expect(
      within(rowOf('user_id')).getByText('pseudonymize'),
    ).toBeInTheDocument();
    expect(within(rowOf('email')).getByText('encrypt')).toBeInTheDocument();
    expect(within(rowOf('ip_address')).getByText('drop')).toBeInTheDocument();
    expect(
      within(rowOf('event_id')).queryByText(/pseudonymize|encrypt|drop/),
    ).not.toBeInTheDocument();
    expect(document.querySelectorAll('[data-pii]')).toHaveLength(3);
  });

  it('marks REPEATED fields', () => {
    render(<SchemaFieldsTable fields={fields} initiallyExpanded />);
    const skips = screen
      .getByText('skips[]')
      .closest('[role="row"]') as HTMLElement;
    expect(within(skips).getByText('REPEATED')).toBeInTheDocument();
    expect(within(skips).getByText('RECORD')).toBeInTheDocument();
  });
});
