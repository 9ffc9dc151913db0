import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { cardSpan } from './HomePageLayout';

function widget(defaultColumns?: number): HomePageWidgetData {
  return {
    node: {} as HomePageWidgetData['node'],
    component: <div />,
    layout: defaultColumns ? { width: { defaultColumns } } : undefined,
  };
}

describe('cardSpan', () => {
  it('gives a card the width its widget asks for, between a third and the whole row', () => {
    expect(cardSpan(widget(6))).toBe('6');
    expect(cardSpan(widget())).toBe('4');
    expect(cardSpan(widget(2))).toBe('4');
    expect(cardSpan(widget(20))).toBe('12');
  });
});
