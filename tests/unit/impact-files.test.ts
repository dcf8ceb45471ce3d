// The building file and the request file: every kind of bad input is a problem at the right JSON path.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberStatuses, numberUses } from '#app/domain/enums.ts'
import {
  describeBlock,
  expandNumbers,
  inventoryFromFile,
  jsonPath,
  parseBuildingFile,
  type BuildingFileInput,
} from '#app/domain/impact/building-file.ts'
import { parseRequestFile, requestToFile, resolveRequest, type RequestFileInput } from '#app/domain/impact/request-file.ts'
import type { InventoryNumber } from '#app/domain/impact/types.ts'
import { offsetNumber } from '#app/domain/numbers/index.ts'

type Mutable = Record<string, unknown> & BuildingFileInput

/** A small valid building file; tests break one thing at a time. */
function building(): Mutable {
  return {
    format: 'sharedline.building',
    version: 1,
    building: { name: 'Het Baken', street: 'Bakenlaan 1', postcode: '3511ab', city: 'Utrecht' },
    tenants: [
      { id: 'alfa', legalName: 'Alfa Advies B.V.', kvkNumber: '1234 5678', unit: '1.01', moveIn: '2019-03-01' },
      { id: 'bravo', legalName: 'Bravo Bouw V.O.F.', kvkNumber: '23456789', moveIn: '2020-09-01', moveOut: null },
    ],
    contacts: [
      { id: 'fm', name: 'Fleur Manders', email: 'beheer@hetbaken.example', roles: ['authorized_signatory'] },
      { id: 'alfa-anna', tenant: 'alfa', name: 'Anna de Wit', email: 'anna@alfa.example', phone: '06 1234 5678', roles: ['authorized_signatory'] },
    ],
    contracts: [
      { id: 'kpn', carrier: 'KPN', contractNumber: 'KPN-1', signedBy: 'fm', startDate: '2024-06-01', initialTermMonths: 36, noticeDays: 60, monthlyFee: '450.00' },
    ],
    services: [
      { id: 'isdn', contract: 'kpn', kind: 'isdn30', carrierRef: 'KPN-ISDN30-1', mainNumber: '030 200 1000' },
      { id: 'sip', contract: 'kpn', kind: 'sip_trunk', carrierRef: 'KPN-SIP-1' },
      { id: 'fiber', contract: 'kpn', kind: 'fiber', carrierRef: 'KPN-FTTO-1', dedicatedTenant: 'alfa' },
    ],
    numbers: [
      { service: 'isdn', first: '+31302001000', count: 20, parts: [{ offset: 0, use: 'common' }, { offset: 1, count: 9, tenant: 'alfa' }, { offset: 10, count: 5, tenant: 'bravo', billed: false }] },
      { service: 'sip', first: '030-2009000', count: 4, tenant: 'bravo' },
    ],
  }
}

function problemsOf(file: unknown) {
  const parsed = parseBuildingFile(file)
  expect(parsed.ok).toBe(false)
  return parsed.ok ? [] : parsed.problems
}

function pathsOf(file: unknown) {
  return problemsOf(file).map((p) => p.path)
}

/** Applies a change to a fresh valid file. */
function broken(change: (file: Mutable) => void): Mutable {
  const file = building()
  change(file)
  return file
}

const list = <T>(file: Mutable, key: 'tenants' | 'contacts' | 'contracts' | 'services' | 'numbers') => file[key] as T[]

describe('parseBuildingFile', () => {
  it('accepts a valid file and normalises postcode, KvK number, phone numbers and money', () => {
    const parsed = parseBuildingFile(building())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const inventory = inventoryFromFile(parsed.value)
    expect(inventory.building.postcode).toBe('3511 AB')
    expect(inventory.tenants[0]).toEqual({ id: 'alfa', legalName: 'Alfa Advies B.V.', kvkNumber: '12345678', unit: '1.01', moveIn: '2019-03-01', moveOut: null })
    expect(inventory.contacts[1]!.phone).toBe('+31612345678')
    expect(inventory.contracts[0]).toMatchObject({ holderTenantId: null, signedByContactId: 'fm', renewalTermMonths: 0, monthlyFeeCents: 45_000, earlyTerminationPct: 100 })
    expect(inventory.services[0]!.mainNumber).toBe('+31302001000')
    expect(inventory.numbers).toHaveLength(24)
    expect(inventory.numbers[0]).toEqual({ e164: '+31302001000', serviceId: 'isdn', tenantId: null, billed: true, use: 'common', status: 'active' })
    expect(inventory.numbers[12]).toEqual({ e164: '+31302001012', serviceId: 'isdn', tenantId: 'bravo', billed: false, use: 'tenant', status: 'active' })
    expect(inventory.numbers[23]).toEqual({ e164: '+31302009003', serviceId: 'sip', tenantId: 'bravo', billed: true, use: 'tenant', status: 'active' })
  })

  it.each([
    ['a KvK number of seven digits', '$.tenants[1].kvkNumber', (f: Mutable) => (list<Record<string, unknown>>(f, 'tenants')[1]!.kvkNumber = '1234567')],
    ['a KvK number used twice', '$.tenants[1].kvkNumber', (f: Mutable) => (list<Record<string, unknown>>(f, 'tenants')[1]!.kvkNumber = '12345678')],
    ['a postcode with SA', '$.building.postcode', (f: Mutable) => ((f.building as Record<string, unknown>).postcode = '1234 SA')],
    ['an empty building name', '$.building.name', (f: Mutable) => ((f.building as Record<string, unknown>).name = '  ')],
    ['an impossible date', '$.tenants[0].moveIn', (f: Mutable) => (list<Record<string, unknown>>(f, 'tenants')[0]!.moveIn = '2019-02-30')],
    ['a move-out before the move-in', '$.tenants[0].moveOut', (f: Mutable) => (list<Record<string, unknown>>(f, 'tenants')[0]!.moveOut = '2019-01-01')],
    ['a bad e-mail address', '$.contacts[1].email', (f: Mutable) => (list<Record<string, unknown>>(f, 'contacts')[1]!.email = 'anna-at-alfa')],
    ['an unknown contact role', '$.contacts[1].roles[0]', (f: Mutable) => (list<Record<string, unknown>>(f, 'contacts')[1]!.roles = ['ceo'])],
    ['a phone number that is not Dutch', '$.contacts[1].phone', (f: Mutable) => (list<Record<string, unknown>>(f, 'contacts')[1]!.phone = '+44 20 7946 0958')],
    ['a fee with three decimals', '$.contracts[0].monthlyFee', (f: Mutable) => (list<Record<string, unknown>>(f, 'contracts')[0]!.monthlyFee = '450.005')],
    ['a percentage over 100', '$.contracts[0].earlyTerminationPct', (f: Mutable) => (list<Record<string, unknown>>(f, 'contracts')[0]!.earlyTerminationPct = 101)],
    ['an initial term of zero months', '$.contracts[0].initialTermMonths', (f: Mutable) => (list<Record<string, unknown>>(f, 'contracts')[0]!.initialTermMonths = 0)],
    ['an unknown service kind', '$.services[1].kind', (f: Mutable) => (list<Record<string, unknown>>(f, 'services')[1]!.kind = 'voip')],
    ['an unknown critical use', '$.services[1].criticalUse', (f: Mutable) => (list<Record<string, unknown>>(f, 'services')[1]!.criticalUse = 'doorbell')],
    ['a number that is not Dutch', '$.numbers[1].first', (f: Mutable) => (list<Record<string, unknown>>(f, 'numbers')[1]!.first = '+32 2 555 12 12')],
    ['a number count of zero', '$.numbers[1].count', (f: Mutable) => (list<Record<string, unknown>>(f, 'numbers')[1]!.count = 0)],
    ['an unknown number status', '$.numbers[1].status', (f: Mutable) => (list<Record<string, unknown>>(f, 'numbers')[1]!.status = 'gone')],
    ['a key with a space', '$.services[2].id', (f: Mutable) => (list<Record<string, unknown>>(f, 'services')[2]!.id = 'glas vezel')],
    ['a field the format does not know', '$.tenants[0]', (f: Mutable) => (list<Record<string, unknown>>(f, 'tenants')[0]!.vatNumber = 'NL0001')],
    ['the wrong format name', '$.format', (f: Mutable) => (f.format = 'sharedline.buildings' as 'sharedline.building')],
    ['another version', '$.version', (f: Mutable) => (f.version = 2 as 1)],
  ])('%s is a problem at %s', (_what, path, change) => {
    expect(pathsOf(broken(change))).toEqual([path])
  })

  it.each([
    ['tenants', '$.tenants[1].id'],
    ['contacts', '$.contacts[1].id'],
    ['contracts', '$.contracts[1].id'],
    ['services', '$.services[1].id'],
  ] as const)('a key used twice in %s is a problem at the second entry: %s', (key, path) => {
    const file = broken((f) => {
      const entries = list<Record<string, unknown>>(f, key)
      if (entries.length === 1) entries.push({ ...entries[0], contractNumber: 'KPN-2' })
      entries[1]!.id = entries[0]!.id
    })
    expect(problemsOf(file)).toContainEqual({ path, message: expect.stringContaining('Duplicate key') })
  })

  it.each([
    ['a contact of an unknown tenant', '$.contacts[1].tenant', (f: Mutable) => (list<Record<string, unknown>>(f, 'contacts')[1]!.tenant = 'charlie')],
    ['a contract held by an unknown tenant', '$.contracts[0].holder', (f: Mutable) => (list<Record<string, unknown>>(f, 'contracts')[0]!.holder = 'charlie')],
    ['a contract signed by an unknown contact', '$.contracts[0].signedBy', (f: Mutable) => (list<Record<string, unknown>>(f, 'contracts')[0]!.signedBy = 'nobody')],
    ['a service under an unknown contract', '$.services[1].contract', (f: Mutable) => (list<Record<string, unknown>>(f, 'services')[1]!.contract = 'ziggo')],
    ['a service dedicated to an unknown tenant', '$.services[2].dedicatedTenant', (f: Mutable) => (list<Record<string, unknown>>(f, 'services')[2]!.dedicatedTenant = 'charlie')],
    ['numbers on an unknown service', '$.numbers[1].service', (f: Mutable) => (list<Record<string, unknown>>(f, 'numbers')[1]!.service = 'pstn')],
    ['numbers of an unknown tenant', '$.numbers[1].tenant', (f: Mutable) => (list<Record<string, unknown>>(f, 'numbers')[1]!.tenant = 'charlie')],
    [
      'a part of an unknown tenant',
      '$.numbers[0].parts[2].tenant',
      (f: Mutable) => ((list<Record<string, unknown>>(f, 'numbers')[0]!.parts as Record<string, unknown>[])[2]!.tenant = 'charlie'),
    ],
  ])('a dangling reference — %s — is a problem at %s', (_what, path, change) => {
    const problems = problemsOf(broken(change))
    expect(problems.map((p) => p.path)).toEqual([path])
    expect(problems[0]!.message).toMatch(/^No (tenant|contact|contract|service) with key "/)
  })

  it('a block overlapping an earlier block is a problem at its first number', () => {
    const file = broken((f) => list<Record<string, unknown>>(f, 'numbers').push({ service: 'sip', first: '+31302001015', count: 10 }))
    expect(problemsOf(file)).toEqual([{ path: '$.numbers[2].first', message: 'Number +31302001015 is already in an earlier block' }])
  })

  it('a main number that is not one of the service’s numbers is a problem, also when another service carries it', () => {
    const absent = broken((f) => (list<Record<string, unknown>>(f, 'services')[0]!.mainNumber = '030 200 5000'))
    expect(pathsOf(absent)).toEqual(['$.services[0].mainNumber'])
    const elsewhere = broken((f) => (list<Record<string, unknown>>(f, 'services')[0]!.mainNumber = '030 200 9000'))
    expect(problemsOf(elsewhere)).toEqual([{ path: '$.services[0].mainNumber', message: 'The main number +31302009000 is not one of the numbers of service "isdn"' }])
  })

  it('a data service carries neither numbers nor a main number', () => {
    const withNumbers = broken((f) => (list<Record<string, unknown>>(f, 'numbers')[1]!.service = 'fiber'))
    expect(pathsOf(withNumbers)).toEqual(['$.numbers[1].service'])
    const withMain = broken((f) => (list<Record<string, unknown>>(f, 'services')[2]!.mainNumber = '030 200 9000'))
    expect(pathsOf(withMain)).toContain('$.services[2].mainNumber')
  })

  it('a part that runs past the end of its block, or overlaps an earlier part, is a problem at that part', () => {
    const pastEnd = broken((f) => ((list<Record<string, unknown>>(f, 'numbers')[0]!.parts as unknown[]).push({ offset: 18, count: 5, tenant: 'alfa' })))
    expect(problemsOf(pastEnd)).toEqual([{ path: '$.numbers[0].parts[3]', message: 'The part runs past the end of the block of 20' }])
    const overlapping = broken((f) => ((list<Record<string, unknown>>(f, 'numbers')[0]!.parts as unknown[]).push({ offset: 12, count: 2, billed: true })))
    expect(pathsOf(overlapping)).toEqual(['$.numbers[0].parts[3]'])
  })

  it('a carrier reference or contract number used twice is a problem at the second one', () => {
    const refs = broken((f) => (list<Record<string, unknown>>(f, 'services')[1]!.carrierRef = 'KPN-ISDN30-1'))
    expect(pathsOf(refs)).toEqual(['$.services[1].carrierRef'])
    const contracts = broken((f) => list<Record<string, unknown>>(f, 'contracts').push({ id: 'kpn2', carrier: 'KPN', contractNumber: 'KPN-1', startDate: '2024-01-01', initialTermMonths: 12, noticeDays: 30, monthlyFee: 10 }))
    expect(pathsOf(contracts)).toEqual(['$.contracts[1].contractNumber'])
  })

  it('reports every problem of a file at once', () => {
    const file = broken((f) => {
      list<Record<string, unknown>>(f, 'tenants')[1]!.kvkNumber = 'abc'
      list<Record<string, unknown>>(f, 'contacts')[0]!.email = 'nope'
      list<Record<string, unknown>>(f, 'services')[1]!.kind = 'voip'
    })
    expect(pathsOf(file).sort()).toEqual(['$.contacts[0].email', '$.services[1].kind', '$.tenants[1].kvkNumber'])
  })

  it('anything but an object is refused at the root', () => {
    expect(pathsOf([])).toEqual(['$'])
    expect(pathsOf(null)).toEqual(['$'])
  })
})

describe('jsonPath', () => {
  it('writes identifiers with dots, indexes in brackets and other keys quoted', () => {
    expect(jsonPath(['tenants', 1, 'kvkNumber'])).toBe('$.tenants[1].kvkNumber')
    expect(jsonPath(['numbers', 0, 'parts', 2])).toBe('$.numbers[0].parts[2]')
    expect(jsonPath(['a-b', 'c d'])).toBe('$["a-b"]["c d"]')
    expect(jsonPath([])).toBe('$')
  })
})

describe('describeBlock and expandNumbers', () => {
  const attributesArb = fc.record({
    tenantId: fc.constantFrom(null, 'alfa', 'bravo'),
    billed: fc.boolean(),
    use: fc.constantFrom(...numberUses),
    status: fc.constantFrom(...numberStatuses),
  })

  it('a block described by describeBlock expands to exactly the same numbers with the same attributes', () => {
    fc.assert(
      fc.property(fc.array(attributesArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 9_000 }), (attributes, start) => {
        const first = offsetNumber('+31302000000', start)!
        const numbers: InventoryNumber[] = attributes.map((a, k) => ({ ...a, e164: offsetNumber(first, k)!, serviceId: 'sip' }))
        const block = describeBlock('sip', numbers)
        const file = { ...building(), numbers: [block], services: [{ id: 'sip', contract: 'kpn', kind: 'sip_trunk', carrierRef: 'KPN-SIP-1' }] }
        const parsed = parseBuildingFile(file)
        expect(parsed.ok ? [] : parsed.problems).toEqual([])
        if (!parsed.ok) return
        expect(expandNumbers(parsed.value)).toEqual(numbers)
        // The defaults are the most common attributes: every part describes a minority.
        expect(block.parts ?? []).toHaveLength(new Set((block.parts ?? []).map((p) => p.offset)).size)
      }),
    )
  })

  it('a block whose numbers are all alike has no parts and leaves default attributes out', () => {
    const numbers: InventoryNumber[] = Array.from({ length: 10 }, (_, k) => ({ e164: offsetNumber('+31302001000', k)!, serviceId: 'isdn', tenantId: null, billed: true, use: 'tenant', status: 'active' }))
    expect(describeBlock('isdn', numbers)).toEqual({ service: 'isdn', first: '+31302001000', count: 10 })
  })

  it('runs of equal attributes become one part each', () => {
    const base = { serviceId: 'isdn', billed: true, use: 'tenant' as const, status: 'active' as const }
    const tenants = [null, 'alfa', 'alfa', 'alfa', null, null, null, 'bravo', 'bravo', null]
    const numbers = tenants.map((tenantId, k) => ({ ...base, e164: offsetNumber('+31302001000', k)!, tenantId }))
    expect(describeBlock('isdn', numbers)).toEqual({
      service: 'isdn',
      first: '+31302001000',
      count: 10,
      parts: [
        { offset: 1, count: 3, tenant: 'alfa' },
        { offset: 7, count: 2, tenant: 'bravo' },
      ],
    })
  })
})

describe('request files', () => {
  const inventory = (() => {
    const parsed = parseBuildingFile(building())
    if (!parsed.ok) throw new Error('the test building must be valid')
    return inventoryFromFile(parsed.value)
  })()

  const migration = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    format: 'sharedline.request',
    version: 1,
    asOf: '2026-09-01',
    type: 'migration',
    tenant: 'alfa',
    numbers: ['030 200 1001'],
    portDate: '2026-10-13',
    signatory: 'alfa-anna',
    targetCarrier: 'Vodafone',
    ...overrides,
  })

  it('fills in the defaults: mechanism auto, installation on the port date, no separate cut-over, keep numbers on move-out', () => {
    const parsed = parseRequestFile(migration())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const resolved = resolveRequest(parsed.value, inventory)
    expect(resolved).toEqual({
      ok: true,
      value: {
        type: 'migration',
        tenantId: 'alfa',
        numbers: ['+31302001001'],
        dataServiceIds: [],
        mechanism: 'auto',
        portDate: '2026-10-13',
        installDate: '2026-10-13',
        cutoverDate: null,
        signatoryContactId: 'alfa-anna',
        targetCarrier: 'Vodafone',
      },
    })
    const moveOut = parseRequestFile({ type: 'move_out', tenant: 'bravo', moveOutDate: '2026-12-31' })
    expect(moveOut.ok && resolveRequest(moveOut.value, inventory)).toEqual({ ok: true, value: { type: 'move_out', tenantId: 'bravo', moveOutDate: '2026-12-31', keepNumbers: true } })
  })

  it('expands ranges written as "t/m", as a count and as { first, count }, in the order given', () => {
    const parsed = parseRequestFile(migration({ numbers: ['030 200 1003 t/m 030 200 1005', '+31302009000, 2 nummers', { first: '0302001001', count: 1 }] }))
    expect(parsed.ok && parsed.value.type === 'migration' && parsed.value.numbers.flat()).toEqual([
      '+31302001003',
      '+31302001004',
      '+31302001005',
      '+31302009000',
      '+31302009001',
      '+31302001001',
    ])
  })

  it.each([
    ['a number that is not a phone number', '$.numbers[1]', { numbers: ['030 200 1001', 'twaalf'] }],
    ['a reversed range', '$.numbers[0]', { numbers: ['030 200 1005 t/m 030 200 1001'] }],
    ['no numbers and no data services', '$.numbers', { numbers: [] }],
    ['an unknown mechanism', '$.mechanism', { mechanism: 'magic' }],
    ['a missing port date', '$.portDate', { portDate: undefined }],
    ['an impossible installation date', '$.installDate', { installDate: '2026-02-30' }],
    ['a bad as-of date', '$.asOf', { asOf: '01-09-2026' }],
    ['an empty target carrier', '$.targetCarrier', { targetCarrier: ' ' }],
    ['an unknown field', '$', { priority: 'high' }],
    ['a signatory key with a slash', '$.signatory', { signatory: 'alfa/anna' }],
  ])('%s is a problem at %s', (_what, path, overrides) => {
    const parsed = parseRequestFile(migration(overrides))
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual([path])
  })

  it('an unknown request type is a problem at $.type', () => {
    const parsed = parseRequestFile({ type: 'merger', tenant: 'alfa' })
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['$.type'])
  })

  it('a tenant, or a data service, the building does not have is a problem at its path; so is a voice service given as data', () => {
    const parsed = parseRequestFile(migration({ tenant: 'charlie' }))
    expect(parsed.ok && resolveRequest(parsed.value, inventory)).toEqual({ ok: false, problems: [{ path: '$.tenant', message: 'No tenant with key "charlie" in the building' }] })
    const services = parseRequestFile(migration({ dataServices: ['fiber', 'glass', 'sip'] }))
    const resolved = services.ok ? resolveRequest(services.value, inventory) : null
    expect(resolved?.ok === false && resolved.problems.map((p) => p.path)).toEqual(['$.dataServices[1]', '$.dataServices[2]'])
    const moveOut = parseRequestFile({ type: 'move_out', tenant: 'delta', moveOutDate: '2026-12-31' })
    expect(moveOut.ok && resolveRequest(moveOut.value, inventory)).toEqual({ ok: false, problems: [{ path: '$.tenant', message: 'No tenant with key "delta" in the building' }] })
  })

  it('requestToFile writes a request that parses and resolves to the same request', () => {
    const original = parseRequestFile(migration({ numbers: ['030 200 1001 t/m 030 200 1003'], dataServices: ['fiber'], cutoverDate: '2026-10-14', mechanism: 'port', installDate: '2026-10-15' }))
    if (!original.ok) throw new Error('the request must be valid')
    const request = resolveRequest(original.value, inventory)
    if (!request.ok) throw new Error('the request must resolve')
    const file: RequestFileInput = requestToFile(request.value, '2026-09-01')
    const again = parseRequestFile(JSON.parse(JSON.stringify(file)))
    expect(again.ok).toBe(true)
    if (!again.ok) return
    expect(again.value.asOf).toBe('2026-09-01')
    expect(resolveRequest(again.value, inventory)).toEqual(request)
  })
})

describe('limits that keep one request or file from exhausting the server', () => {
  const paths = (result: { ok: boolean; problems?: { path: string; message: string }[] }) => (result.ok ? [] : result.problems!.map((p) => p.path))

  it('a request may hold at most 10,000 numbers in all, however they are written', () => {
    const big = parseRequestFile({ type: 'migration', tenant: 'alfa', numbers: ['+31302001000, 10000', '+31402001000, 10000'], portDate: '2027-01-12', targetCarrier: 'X' })
    expect(paths(big)).toEqual(['$.numbers'])
    const fine = parseRequestFile({ type: 'migration', tenant: 'alfa', numbers: ['+31302001000, 10000'], portDate: '2027-01-12', targetCarrier: 'X' })
    expect(fine.ok).toBe(true)
  })

  it('a part of a block may not claim more numbers than a block can hold, and is checked without expanding it', () => {
    const file = building()
    file.numbers = [{ service: 'isdn', first: '030 200 1000', count: 100, parts: [{ offset: 0, count: 20_000_000, tenant: 'alfa' }] }]
    expect(paths(parseBuildingFile(file))).toContain('$.numbers[0].parts[0].count')
  })

  it('a building file may describe at most 200,000 numbers', () => {
    const file = building()
    file.services = [{ id: 'sip', contract: 'kpn', kind: 'sip_trunk', carrierRef: 'KPN-SIP-1' }]
    file.numbers = Array.from({ length: 21 }, (_, i) => ({ service: 'sip', first: offsetNumber('+31302000000', i * 10_000)!, count: 10_000 }))
    const result = parseBuildingFile(file)
    expect(paths(result)).toEqual(['$.numbers'])
  })
})
