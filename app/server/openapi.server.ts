// The OpenAPI 3.1 document of the HTTP API v1, generated from the same zod schemas that validate
// the files and shape the responses, so the description cannot drift from the behaviour. The
// building file and request schemas are the public ones under /schemas/ (npm run schemas).
import { z } from 'zod'
import { contactRoles, serviceKinds } from '#app/domain/enums.ts'
import { jsonSchemaOf } from '#app/domain/impact/json-schema.ts'
import { impactReportSchema } from '#app/domain/impact/report-schema.ts'
import { maxBodyBytes, problemContentType } from './api.server.ts'

const access = z.enum(['manage', 'tenant', 'counts']).meta({
  description: '`manage`: facility manager of the building; `tenant`: a tenant user, its own company only; `counts`: shared with a sales user (anonymised).',
})

export const buildingSummarySchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  street: z.string(),
  postcode: z.string(),
  city: z.string(),
  access,
})

export const buildingListSchema = z.strictObject({ buildings: z.array(buildingSummarySchema) }).meta({ title: 'Buildings the token may see' })

export const buildingDirectorySchema = buildingSummarySchema
  .extend({
    tenants: z.array(
      z.strictObject({
        id: z.uuid(),
        legalName: z.string(),
        kvkNumber: z.string(),
        unit: z.string(),
        moveIn: z.string().meta({ format: 'date' }),
        moveOut: z.string().meta({ format: 'date' }).nullable(),
      }),
    ),
    contacts: z.array(z.strictObject({ id: z.uuid(), tenantId: z.uuid().nullable(), name: z.string(), roles: z.array(z.enum(contactRoles)) })),
    services: z.array(z.strictObject({ id: z.uuid(), kind: z.enum(serviceKinds), carrierRef: z.string(), dedicatedTenantId: z.uuid().nullable() })),
  })
  .meta({
    title: 'A building with the ids a request may name',
    description: 'Tenants, contacts (signatories) and services as far as the token may see them: everything for a facility manager, the own company for a tenant user, the prospect of the share for a sales user.',
  })

export const importResultSchema = z
  .strictObject({
    id: z.uuid(),
    tenants: z.int().meta({ description: 'Tenants created.' }),
    numbers: z.int().meta({ description: 'Numbers created.' }),
    links: z.strictObject({ self: z.string(), export: z.string() }),
  })
  .meta({ title: 'The imported building' })

export const problemSchema = z
  .strictObject({
    type: z.string().meta({ description: 'Always "about:blank": the status says what kind of problem it is.' }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    errors: z
      .array(z.strictObject({ path: z.string().meta({ description: 'JSON path into the body, e.g. `$.tenants[1].kvkNumber` (`asOf` for the query parameter).' }), message: z.string() }))
      .optional(),
  })
  .meta({ title: 'Problem details (RFC 9457)' })

export type BuildingList = z.infer<typeof buildingListSchema>
export type BuildingDirectory = z.infer<typeof buildingDirectorySchema>
export type ImportResult = z.infer<typeof importResultSchema>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (schema: object) => ({ 'application/json': { schema } })

function problems(...statuses: number[]) {
  const meaning: Record<number, string> = {
    400: 'Malformed: the body is not JSON, or a query parameter is invalid.',
    401: 'No token, or an unknown or revoked token.',
    403: 'The role of the token’s user may not do this.',
    404: 'No such building, or one the token may not see.',
    413: `The body is larger than ${maxBodyBytes} bytes.`,
    415: 'The body is not JSON.',
    422: 'The document breaks the rules listed in `errors`, each with its JSON path. Nothing was changed.',
  }
  return Object.fromEntries(statuses.map((s) => [String(s), { description: meaning[s], content: { [problemContentType]: { schema: ref('Problem') } } }]))
}

const buildingId = { name: 'buildingId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
const asOf = {
  name: 'asOf',
  in: 'query',
  required: false,
  description: 'Evaluate as of this date; overrides the request’s own `asOf` (default: that, else today).',
  schema: { type: 'string', format: 'date' },
}
const body = (schema: object, description: string) => ({ required: true, description, content: json(schema) })

/** Every operation of the API v1; the integration test checks each exists in app/routes.ts. */
function paths() {
  return {
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        security: [],
        responses: { '200': { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) } },
      },
    },
    '/api/v1/buildings': {
      get: {
        operationId: 'listBuildings',
        summary: 'Buildings the token may see',
        responses: { '200': { description: 'Managed (facility manager), the own building (tenant user) or shared ones (sales).', content: json(ref('BuildingList')) }, ...problems(401) },
      },
      post: {
        operationId: 'importBuilding',
        summary: 'Import a building file (facility managers)',
        description: 'Creates a new building managed by the token’s user. A file with problems is refused as a whole: nothing is written.',
        requestBody: body(ref('BuildingFile'), 'A building file.'),
        responses: {
          '201': { description: 'Created; `Location` names the new building.', headers: { Location: { schema: { type: 'string' } } }, content: json(ref('ImportResult')) },
          ...problems(400, 401, 403, 413, 415, 422),
        },
      },
    },
    '/api/v1/buildings/{buildingId}': {
      get: {
        operationId: 'getBuilding',
        summary: 'A building with the ids of tenants, contacts and services the token may name in a request',
        parameters: [buildingId],
        responses: { '200': { description: 'The building as far as the token may see it.', content: json(ref('BuildingDirectory')) }, ...problems(401, 404) },
      },
    },
    '/api/v1/buildings/{buildingId}/export': {
      get: {
        operationId: 'exportBuilding',
        summary: 'The building as a building file (facility managers of the building)',
        parameters: [buildingId],
        responses: { '200': { description: 'A building file; importing it gives the same building.', content: json(ref('BuildingFile')) }, ...problems(401, 403, 404) },
      },
    },
    '/api/v1/buildings/{buildingId}/impact': {
      post: {
        operationId: 'computeImpact',
        summary: 'Evaluate a migration or move-out on a stored building',
        description:
          'Tenants, contacts and services are named by their ids (GET /api/v1/buildings/{buildingId}). A facility manager sees the full report; a tenant user may evaluate its own migrations and sees other tenants as "Tenant 1", "Tenant 2"; a sales user only the prospect the share names, anonymised likewise.',
        parameters: [buildingId, asOf],
        requestBody: body(ref('ImpactRequest'), 'A request file.'),
        responses: { '200': { description: 'The impact report, redacted for the token’s user.', content: json(ref('ImpactReport')) }, ...problems(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    '/api/v1/impact/preview': {
      post: {
        operationId: 'previewImpact',
        summary: 'Evaluate a request on an uploaded building file, never stored (facility managers and sales)',
        parameters: [asOf],
        requestBody: body(ref('PreviewRequest'), 'A building file and a request file; keys of the file name tenants, contacts and services.'),
        responses: { '200': { description: 'The full impact report of the uploaded building.', content: json(ref('ImpactReport')) }, ...problems(400, 401, 403, 413, 415, 422) },
      },
    },
  }
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Sharedline API',
      version: '1.0.0',
      description:
        'Building inventories and the impact of migrations and move-outs. Authenticate with a personal API token (Account → API tokens) as `Authorization: Bearer <token>`; a token sees exactly what its user sees in the web pages. Errors are `application/problem+json` (RFC 9457).',
    },
    security: [{ bearer: [] }],
    paths: paths(),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'sl_… personal API token', description: 'Create one under Account → API tokens.' } },
      schemas: {
        BuildingFile: { $ref: '/schemas/building-file.schema.json', description: 'The building file (docs/building-file.md).' },
        ImpactRequest: { $ref: '/schemas/request.schema.json', description: 'The request file (docs/building-file.md).' },
        PreviewRequest: {
          type: 'object',
          required: ['building', 'request'],
          additionalProperties: false,
          properties: { building: ref('BuildingFile'), request: ref('ImpactRequest') },
        },
        ImpactReport: withoutDialect(jsonSchemaOf(impactReportSchema)),
        BuildingList: withoutDialect(jsonSchemaOf(buildingListSchema)),
        BuildingDirectory: withoutDialect(jsonSchemaOf(buildingDirectorySchema)),
        ImportResult: withoutDialect(jsonSchemaOf(importResultSchema)),
        Problem: withoutDialect(jsonSchemaOf(problemSchema)),
      },
    },
  }
}

/** The document declares the dialect once (jsonSchemaDialect); embedded schemas need not repeat it. */
function withoutDialect({ $schema: _dialect, ...schema }: Record<string, unknown>) {
  return schema
}
