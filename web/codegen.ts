import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CodegenConfig } from '@graphql-codegen/cli'

// The server prints its real schema to server/schema.graphql; until that exists the
// web builds against the draft contract, which has the same shape.
const printed = fileURLToPath(new URL('../server/schema.graphql', import.meta.url))
const contract = fileURLToPath(new URL('../docs/api-contract.graphql', import.meta.url))
const schema = existsSync(printed) ? printed : contract

const config: CodegenConfig = {
  schema,
  documents: ['src/**/*.ts', '!src/graphql/generated/**', '!src/**/*.test.ts'],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
}

export default config
