import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SkipToContent } from './SkipToContent';

describe('SkipToContent', () => {
  it("moves the focus to the page's marked content", async () => {
    render(
      <>
        <SkipToContent />
        <a href="/catalog">Catalog</a>
        <main>
          <button type="button">Add to favourites</button>
          <div data-skip-target>
            <input aria-label="Search lineage" />
          </div>
        </main>
      </>,
    );
    await userEvent.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.tab();
    expect(
      screen.getByRole('textbox', { name: 'Search lineage' }),
    ).toHaveFocus();
  });

  it('falls back to main', async () => {
    render(
      <>
        <SkipToContent />
        <a href="/catalog">Catalog</a>
        <main>
          <button type="button">First in main</button>
        </main>
      </>,
    );
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'First in main' })).toHaveFocus();
  });
});
