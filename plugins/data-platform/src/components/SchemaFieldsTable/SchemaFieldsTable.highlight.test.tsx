import { render, screen, waitFor } from '@testing-library/react';
import { SchemaFieldsTable } from './SchemaFieldsTable';
import { trackPlayed } from '../../__testUtils__/fixtures';

const fields = trackPlayed.spec.schema.fields;

describe('SchemaFieldsTable opened at a field', () => {
  it('expands the parents of the field, marks it and scrolls it into view', async () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push((this as HTMLElement).dataset.fieldPath ?? '');
    };
    render(
      <SchemaFieldsTable
        fields={fields}
        initiallyExpanded={false}
        highlightPath="context.device.os"
      />,
    );
    const os = screen.getByText('os', { exact: true });
    expect(os).toHaveAttribute('aria-current', 'location');
    expect(screen.getByText('device', { exact: true })).not.toHaveAttribute(
      'aria-current',
    );
    expect(
      screen.getByRole('button', { name: 'Collapse context' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(scrolled).toEqual(['context.device.os']));
  });
});
