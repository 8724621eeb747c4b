const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, setupFiles: ['<rootDir>/test/support/quiet-logs.cjs'] };
