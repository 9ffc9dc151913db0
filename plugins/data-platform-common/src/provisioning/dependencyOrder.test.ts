import { dependencyOrder } from './dependencyOrder';

describe('dependencyOrder', () => {
  it('puts dependencies first and keeps the given order otherwise', () => {
    const items = [
      { id: 'delivery', deps: ['topic', 'table'] },
      { id: 'table', deps: ['dataset'] },
      { id: 'unrelated', deps: [] },
      { id: 'topic', deps: ['schema', 'outside'] },
      { id: 'dataset', deps: [] },
    ];
    expect(
      dependencyOrder(
        items,
        i => i.id,
        i => i.deps,
      ).map(i => i.id),
    ).toEqual(['dataset', 'table', 'topic', 'delivery', 'unrelated']);
  });
});
