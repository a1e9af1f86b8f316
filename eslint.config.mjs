/**
 * Lint rules for the whole repository. Type-aware rules catch what tsc does not (forgotten awaits
 * above all, which in a workflow engine lose writes silently). Formatting is Prettier's job, so the
 * style rules that would fight it are switched off last.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Modules that must never reach the workflow bundle. */
const notInWorkflows = {
  paths: ['pg', 'express', '@temporalio/client', '@temporalio/worker', '@temporalio/testing'].map((name) => ({
    name,
    message: 'Workflow code runs in a deterministic sandbox: no I/O. Do it in an activity.',
    allowTypeImports: true,
  })),
  patterns: [
    {
      // A regex, not a glob group: a glob `events` would also match the relative './events'.
      regex: `^(node:.*|${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`,
      message: 'Node built-ins are not available in the workflow sandbox; use an activity.',
      allowTypeImports: true,
    },
    {
      group: ['**/db', '**/db/*', '**/api', '**/api/*', '**/worker', '**/worker/*', '**/activities', '**/activities/*'],
      message: 'Workflows may only import types from the I/O side (db, api, worker, activities).',
      allowTypeImports: true,
    },
  ],
};

export default defineConfig(
  globalIgnores([
    'node_modules/',
    '.tools/',
    '.build/',
    '.data/',
    'coverage/',
    'dist/',
    'web/dist/',
    'test/web/artifacts/',
    'bench/results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // import-x only follows files it knows how to parse; without these, no-cycle never sees a .ts file.
      'import-x/extensions': ['.ts', '.js', '.cjs', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
    },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Express 5 awaits async handlers itself, so passing one where a callback is expected is fine.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // Tests poke at JSON response bodies, which are `any` by nature; the assertions are the type check there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Everything webpack puts into the workflow bundle: it must stay deterministic and I/O-free.
    files: ['workflows/**/*.ts', 'definitions/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', notInWorkflows],
    },
  },
  {
    // Activities call the repositories in db/, never the other way round: the read model must not
    // depend on how the workflow reaches it.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities', '**/activities/*'],
              message: 'db/ must not import from activities/: move the shared type or function to db/ or definitions/.',
            },
          ],
        },
      ],
    },
  },
  prettier
);
