import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Layers of house-style: arrows point one way. Each entry forbids imports from the layers listed. */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
})

export default tseslint.config(
  { ignores: ['build/', '.react-router/', 'node_modules/', '.data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(['app/domain/**'], ['#app/*', '!#app/domain/*', '#db/*', 'react-router', 'react', '../../server/*', '../../services/*'], 'app/domain is pure: it imports only app/domain and pure libraries.'),
  layer(['app/i18n/**'], ['#app/server/*', '#app/services/*', '#app/routes/*', '#app/components/*', '#db/*', 'react-router'], 'app/i18n is pure: domain only.'),
  layer(['app/components/**'], ['#app/server/*', '#app/services/*', '#app/routes/*', '#db/*'], 'components are presentational: no data access.'),
  layer(['app/pdf/**'], ['#app/server/*', '#app/services/*', '#app/routes/*', '#db/*'], 'pdf documents render reports; they never touch the database.'),
  layer(['app/server/**'], ['#app/services/*', '#app/routes/*'], 'app/server is infrastructure: it does not call use cases or routes.'),
  layer(['app/services/**'], ['#app/routes/*', '#app/components/*'], 'services do not import routes or UI.'),
  layer(['app/routes/**', 'app/root.tsx'], ['#db/*', 'drizzle-orm', 'drizzle-orm/*'], 'routes call services; no database access in a route.'),
  layer(['db/**'], ['#app/*', '!#app/domain/*'], 'db/ may use app/domain (enums) only.'),
  {
    files: ['tests/**', 'db/**', 'app/cli/**'],
    rules: { 'no-console': 'off' },
  },
)
