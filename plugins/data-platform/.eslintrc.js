module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Benchmark scripts print their results.
      files: ['bench/**'],
      rules: { 'no-console': 'off' },
    },
  ],
});
