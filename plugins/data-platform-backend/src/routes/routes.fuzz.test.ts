import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import {
  FuzzRequest,
  ingestionRequest,
  queryRequest,
  withPrincipal,
} from '../__testUtils__/fuzz/fuzzRequests';
import {
  describeAnswer,
  startFuzzTarget,
} from '../__testUtils__/fuzz/fuzzTarget';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/*
 * Property: whatever a caller sends, the plugin answers below 500. A few
 * hundred generated requests a database here; `yarn fuzz:backend` sends
 * tens of thousands.
 */
describe.each(databases.eachSupportedId())(
  'the data-platform plugin on %s, fuzzed',
  databaseId => {
    let target: Awaited<ReturnType<typeof startFuzzTarget>>;

    beforeAll(async () => {
      target = await startFuzzTarget(await databases.init(databaseId));
    });

    afterAll(() => target.stop());

    /** Holds when the answer is below 500; the failure names the request. */
    const answersBelow500 = async (request: FuzzRequest) => {
      const answer = await target.send(request);
      if (answer.status >= 500) {
        throw new Error(describeAnswer(request, answer));
      }
    };

    it('answers no OpenLineage body with a 5xx', async () => {
      await expect(
        fc.assert(
          fc.asyncProperty(withPrincipal(ingestionRequest), answersBelow500),
          { numRuns: 150 },
        ),
      ).resolves.toBeUndefined();
    });

    it('answers no lineage, health, provisioning or quality parameter with a 5xx', async () => {
      await expect(
        fc.assert(
          fc.asyncProperty(withPrincipal(queryRequest), answersBelow500),
          { numRuns: 250 },
        ),
      ).resolves.toBeUndefined();
    });
  },
);
