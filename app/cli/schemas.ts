// `npm run schemas`: writes the JSON Schemas of the building file and the request to public/schemas/.
import fs from 'node:fs'
import path from 'node:path'
import { jsonSchemaOf, schemaFiles } from '#app/domain/impact/json-schema.ts'

const dir = path.resolve('public/schemas')
fs.mkdirSync(dir, { recursive: true })
for (const [name, schema] of Object.entries(schemaFiles)) {
  fs.writeFileSync(path.join(dir, name), `${JSON.stringify(jsonSchemaOf(schema, `/schemas/${name}`), null, 2)}\n`)
  console.log(`wrote public/schemas/${name}`)
}
