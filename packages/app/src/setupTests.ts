import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a whole app (every plugin's extensions, lazily loaded)
// takes seconds on a busy 2-core machine; testing-library's 1 s default for
// findBy* then fails tests whose page is right but not drawn yet.
configure({ asyncUtilTimeout: 10_000 });
