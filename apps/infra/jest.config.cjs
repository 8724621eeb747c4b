module.exports = {
  ...require('../../jest.preset.cjs'),
  // Registers the cdktf matchers (toHaveResourceWithProperties, ...) on expect.
  setupFilesAfterEnv: ['<rootDir>/test/setup-jest.ts'],
};
