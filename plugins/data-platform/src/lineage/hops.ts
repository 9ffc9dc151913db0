/**
 * The hops the explorer offers to show at once. The last is as far as the
 * downstream impact counts, so that all it counted can be shown.
 */
export const LINEAGE_HOPS = [1, 2, 3, 4, 6, 10];
