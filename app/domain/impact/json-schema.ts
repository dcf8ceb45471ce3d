// JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) generated from the zod schemas of the files,
// so the documentation cannot drift from the validation. Committed under public/schemas/.
import { z } from 'zod'
import { buildingFileSchema } from './building-file.ts'
import { requestFileSchema } from './request-file.ts'

export const schemaFiles = {
  'building-file.schema.json': buildingFileSchema,
  'request.schema.json': requestFileSchema,
} as const

/** The JSON Schema of what a user writes (the input side: defaults optional, notations as strings). */
export function jsonSchemaOf(schema: z.ZodType, id?: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return id ? { ...generated, $id: id } : generated
}
