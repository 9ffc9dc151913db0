import { screen } from '@testing-library/react';

/**
 * Waits for the YAML hint of an empty state to contain `text`. The snippet is
 * lazy-loaded and split into highlighted tokens, so match the whole block.
 */
export async function findYamlHint(text: string): Promise<HTMLElement> {
  return screen.findByText(
    (_, element) =>
      element?.tagName === 'CODE' && !!element.textContent?.includes(text),
    undefined,
    { timeout: 10000 },
  );
}
