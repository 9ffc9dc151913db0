import { LINEAGE_TAB_PATH, tabPathIn } from './routes';

describe('tabPathIn', () => {
  const page = '/catalog/default/dataendpoint/plays';

  it('reads the tab path off a URL under the entity page', () => {
    expect(tabPathIn(`${page}/data-lineage`, page)).toBe('/data-lineage');
    expect(tabPathIn(`/portal${page}/lineage/`, `${page}/`)).toBe('/lineage');
  });

  it('falls back to the default path elsewhere', () => {
    expect(tabPathIn('/data-lineage', page)).toBe(LINEAGE_TAB_PATH);
    expect(tabPathIn(page, page)).toBe(LINEAGE_TAB_PATH);
    // Another entity whose name starts with this one's.
    expect(tabPathIn(`${page}-hourly/lineage`, page)).toBe(LINEAGE_TAB_PATH);
  });
});
