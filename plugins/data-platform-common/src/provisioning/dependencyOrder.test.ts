import { dependencyOrder } from './dependencyOrder';

describe('dependencyOrder', () => {
  it('puts each item after its dependencies, visited in the order it names them', () => {
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
    ).toEqual(['topic', 'dataset', 'table', 'delivery', 'unrelated']);
  });
});
