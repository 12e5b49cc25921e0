// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The import direction of ../shared/design.md, enforced here and by each process's tsconfig:
// nothing imports main/electron; shared imports nothing of Node, Electron or the DOM (nor any
// other folder); the renderer and preload see only shared.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process', 'zlib', 'net', 'url', 'stream', 'events', 'util', 'worker_threads'];
const noElectronFolder = { group: ['**/electron/**', '**/main/electron', '**/electron/index*'], message: 'Nothing imports main/electron: it is the composition root.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom'],
        patterns: [
          { group: [...nodeBuiltins], message: 'shared/ runs in every process: no Node modules.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/test/**'], message: 'shared/ imports nothing outside shared/.' },
        ],
      }],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/electron imports electron; inject what you need.' }],
        patterns: [noElectronFolder, { group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import the renderer or preload.' }],
      }],
    },
  },
  {
    files: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import the renderer or preload.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [
          { group: [...nodeBuiltins], message: 'The renderer has no Node.' },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through window.companion.' },
        ],
      }],
    },
  },
  {
    files: ['preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'The preload sees only shared/ and electron.' },
        ],
      }],
    },
  },
  {
    // Tests of the Electron layer (test/electron/) are the one place besides the app itself that
    // may load main/electron modules, with fakes of Electron's objects.
    files: ['test/**', 'scripts/**', '*.config.ts'],
    ignores: ['test/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectronFolder] }],
    },
  },
  {
    files: ['test/**', 'scripts/**', 'main/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
