// Nest 12 ships as ES modules only: every file, node_modules included, goes through SWC to CommonJS.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
};

const moduleNameMapper = {
  // A lib's public subpath (`@greenlight/progress/grading`), before the lib's own entry.
  '^@greenlight/([^/]+)/(.+)$': '<rootDir>/libs/$1/src/$2',
  '^@greenlight/(.*)$': '<rootDir>/libs/$1/src',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
};

module.exports = {
  // A global option (ignored inside a project): integration tests boot apps and databases on 2 busy cores.
  // 60 s: a beforeAll that migrates a fresh database and boots an app took over 30 s at a load of 16.
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker, but most suites spend their time waiting (on PostgreSQL, Redis,
  // Chromium, a drill's lock expiry): two workers keep CI's two full passes well inside its 30 minutes.
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
