import '@testing-library/jest-dom';

// The shared CI machine runs many suites at once; user-event flows through
// react-aria tables can take several seconds there.
jest.setTimeout(30000);
