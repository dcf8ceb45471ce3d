import fs from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { inventoryFromFile, parseBuildingFile } from '#app/domain/impact/building-file.ts'
import { computeImpact, redactReport, type ImpactReport, type MigrationRequest } from '#app/domain/impact/index.ts'
import { jsonSchemaOf } from '#app/domain/impact/json-schema.ts'
import { impactReportSchema } from '#app/domain/impact/report-schema.ts'

const parsed = parseBuildingFile(JSON.parse(fs.readFileSync('tests/fixtures/demo-building.json', 'utf8')))
if (!parsed.ok) throw new Error('the demo building file is invalid')
const inventory = inventoryFromFile(parsed.value)
const asOf = '2026-11-23'

const numbersOf = (tenantId: string) => inventory.numbers.filter((n) => n.tenantId === tenantId).map((n) => n.e164)
const signatoryOf = (tenantId: string) => inventory.contacts.find((c) => c.tenantId === tenantId && c.roles.includes('authorized_signatory'))?.id ?? null
const dataServices = inventory.services.filter((s) => ['fiber', 'dsl', 'ethernet'].includes(s.kind)).map((s) => s.id)

const migration = (tenantId: string, mechanism: 'auto' | 'port' | 'line_migration' | 'contract_takeover', extra: Partial<MigrationRequest> = {}): MigrationRequest => ({
  type: 'migration',
  tenantId,
  numbers: numbersOf(tenantId),
  dataServiceIds: [],
  mechanism,
  portDate: '2027-01-12',
  installDate: '2027-01-19',
  cutoverDate: null,
  signatoryContactId: signatoryOf(tenantId),
  targetCarrier: 'Vodafone',
  ...extra,
})

/** Reports of every shape the engine produces: each mechanism, move-outs, findings with data, views. */
function reports(): [string, ImpactReport][] {
  const out: [string, ImpactReport][] = []
  const tenants = ['t1', 't2', 't26', 't40']
  for (const tenantId of tenants) {
    for (const mechanism of ['auto', 'port', 'line_migration', 'contract_takeover'] as const) {
      out.push([`${tenantId} ${mechanism}`, computeImpact(inventory, migration(tenantId, mechanism), asOf)])
    }
    out.push([`${tenantId} move-out keeping numbers`, computeImpact(inventory, { type: 'move_out', tenantId, moveOutDate: '2027-03-31', keepNumbers: true }, asOf)])
    out.push([`${tenantId} move-out releasing numbers`, computeImpact(inventory, { type: 'move_out', tenantId, moveOutDate: '2027-03-31', keepNumbers: false }, asOf)])
  }
  // Awkward requests: unknown numbers, no signatory, a holiday, data services, a renewed contract.
  out.push(['unknown number, no signatory, on a holiday', computeImpact(inventory, migration('t1', 'auto', { numbers: ['+31209999999'], signatoryContactId: null, portDate: '2026-12-25' }), asOf)])
  out.push(['data services along', computeImpact(inventory, migration('t1', 'auto', { dataServiceIds: dataServices, cutoverDate: '2027-02-01' }), asOf)])
  out.push(['years later', computeImpact(inventory, migration('t2', 'auto'), '2031-06-02')])
  for (const [name, report] of [...out]) {
    const self = report.request.tenantId
    out.push([`${name}, tenant view`, redactReport(report, inventory, { view: 'tenant', selfTenantId: self })])
    out.push([`${name}, sales view`, redactReport(report, inventory, { view: 'sales', selfTenantId: self })])
  }
  return out
}

const all = reports()
const validateJsonSchema = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  return ajv.compile(jsonSchemaOf(impactReportSchema))
})()

describe('the ImpactReport schema', () => {
  it('covers findings, plans, moved numbers and anonymised tenants (the cases below are not trivial)', () => {
    const findings = new Set(all.flatMap(([, r]) => [r.outcome, ...r.alternatives].flatMap((o) => o.findings.map((f) => f.code))))
    expect(findings.size).toBeGreaterThan(8)
    expect(all.some(([, r]) => r.tenants.some((t) => t.anonymous))).toBe(true)
    expect(all.some(([, r]) => r.released.length > 0)).toBe(true)
  })

  it.each(all)('accepts the real report: %s', (_name, report) => {
    // Through JSON, as the API sends it (a redacted field set to undefined disappears).
    const sent = JSON.parse(JSON.stringify(report)) as unknown
    expect(impactReportSchema.parse(sent)).toEqual(sent)
    expect(validateJsonSchema(sent), JSON.stringify(validateJsonSchema.errors?.slice(0, 3))).toBe(true)
  })

  it('refuses a report with a field the type does not have', () => {
    const [, report] = all[0]!
    expect(impactReportSchema.safeParse({ ...report, inventory }).success).toBe(false)
  })
})
