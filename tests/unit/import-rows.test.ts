import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { NumberStatus } from '#app/domain/enums.ts'
import {
  createRowReader,
  createTextDecoder,
  csvParseOptions,
  fastNsn,
  guessMapping,
  maxDetailLength,
  readAmountCents,
  readStatus,
  rowProblems,
  sniffFormat,
  sniffHeadBytes,
  type ColumnMapping,
  type ImportKind,
  type ReadRow,
  type RowProblem,
} from '#app/domain/imports/index.ts'
import { maxRangeCount, parseDutchNumber } from '#app/domain/numbers/index.ts'
import { importRows } from '#app/i18n/messages/import-rows.ts'

const inventory = (mapping: ColumnMapping = { number: 0, serviceRef: 1, status: 2 }) => createRowReader('inventory', mapping)
const invoice = (mapping: ColumnMapping = { number: 0, serviceRef: 1, amount: 2, description: 3 }) => createRowReader('invoice', mapping)

const numbers = (first: string, count = 1) => ({ first, count })
const inventoryRow = (block: { first: string; count: number }, serviceRef: string | null = null, status: NumberStatus | null = null): ReadRow => ({
  ok: true,
  numbers: block,
  serviceRef,
  status,
  amountCents: null,
  description: null,
})
const invoiceRow = (block: { first: string; count: number } | null, serviceRef: string | null, amountCents: number, description: string | null = null): ReadRow => ({
  ok: true,
  numbers: block,
  serviceRef,
  status: null,
  amountCents,
  description,
})
const fails = (problem: RowProblem, detail = ''): ReadRow => ({ ok: false, problem, detail })

describe('number notations', () => {
  it.each([
    ['020-5551000', '+31205551000'],
    ['020 555 1000', '+31205551000'],
    ['020-555 10 00', '+31205551000'],
    ['(020) 5551000', '+31205551000'],
    ['020/5551000', '+31205551000'],
    ['020.555.1000', '+31205551000'],
    ['0205551000', '+31205551000'],
    ['+31 20 555 1000', '+31205551000'],
    ['+31205551000', '+31205551000'],
    ['+31 (0)20 555 1000', '+31205551000'],
    ['0031205551000', '+31205551000'],
    ['0031 20 555 1000', '+31205551000'],
    ['0031 (0)20 5551000', '+31205551000'],
    ['31205551000', '+31205551000'],
    ['205551000', '+31205551000'],
    ['  010 400 1234 ', '+31104001234'],
    ['06-12345678', '+31612345678'],
    ['085 888 8888', '+31858888888'],
    ['0800-1234', '+318001234'],
    ['0900 1234567', '+319001234567'],
    ['319001167', '+319001167'],
  ])('reads %j as %s', (cell, e164) => {
    expect(inventory({ number: 0 })([cell])).toEqual(inventoryRow(numbers(e164)))
  })

  it.each<[string, RowProblem]>([
    ['+32 2 555 1000', 'row.numberNotDutch'],
    ['0032 2 555 1000', 'row.numberNotDutch'],
    ['+44 20 7946 0958', 'row.numberNotDutch'],
    ['020-555abcd', 'row.numberInvalid'],
    ['onbekend', 'row.numberInvalid'],
    ['n.v.t.', 'row.numberInvalid'],
    ['020 555 100', 'row.numberInvalid'],
    ['020 555 10000', 'row.numberInvalid'],
    ['000 555 1000', 'row.numberInvalid'],
    ['+31 00 555 1000', 'row.numberInvalid'],
    ['0', 'row.numberInvalid'],
    ['3.12055E+10', 'row.numberInvalid'],
  ])('refuses %j with %s and the cell as detail', (cell, problem) => {
    expect(inventory({ number: 0 })([cell])).toEqual(fails(problem, cell))
  })

  it('reads the fast notations exactly as libphonenumber does, across the Dutch numbering plan', () => {
    // Every 37th four-digit prefix with each fifth digit, in the notations the reader handles without
    // libphonenumber: one reader for all, so a cache that lumped neighbouring prefixes together shows.
    const notations = [
      (nsn: string) => nsn,
      (nsn: string) => `0${nsn}`,
      (nsn: string) => `31${nsn}`,
      (nsn: string) => `+31 ${nsn}`,
      (nsn: string) => `0031${nsn}`,
      (nsn: string) => `+31 (0)${nsn}`,
      (nsn: string) => `0${nsn.slice(0, 2)}-${nsn.slice(2)}`,
    ]
    const read = inventory({ number: 0 })
    const disagreements: string[] = []
    for (let prefix = 10_000; prefix <= 99_999; prefix += prefix % 10 === 9 ? 361 : 1) {
      const nsn = String(prefix * 10_000 + ((prefix * 7919) % 10_000))
      for (const notation of notations) {
        const cell = notation(nsn)
        const ours = read([cell])
        const theirs = parseDutchNumber(cell)
        const same = ours.ok ? theirs.ok && ours.numbers?.first === theirs.value : !theirs.ok
        if (!same) disagreements.push(`${cell}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('gives the same verdict for a prefix it has cached as a fresh reader gives', () => {
    const warm = inventory({ number: 0 })
    const cells = ['020-5551000', '020-5559999', '000-5551000', '000-5559999', '097-0000001', '097-0000002']
    const first = cells.map((cell) => warm([cell]))
    const second = cells.map((cell) => warm([cell]))
    const fresh = cells.map((cell) => inventory({ number: 0 })([cell]))
    expect(second).toEqual(first)
    expect(fresh).toEqual(first)
    expect(first.map((row) => row.ok)).toEqual([true, true, false, false, false, false])
  })

  it('leaves anything but a plain Dutch number to the general parser', () => {
    expect(fastNsn('020-5551000')).toBe(205551000)
    expect(fastNsn('+31 (0)20 555 1000')).toBe(205551000)
    expect(fastNsn('020-5551000 - 020-5551099')).toBe(-1)
    expect(fastNsn('0205551000;100')).toBe(-1)
    expect(fastNsn('020 555 1000 t/m 020 555 1099')).toBe(-1)
    expect(fastNsn('+32 2 555 1000')).toBe(-1)
    expect(fastNsn('319001167')).toBe(-1)
    expect(fastNsn('0800 1234')).toBe(-1)
    expect(fastNsn('020 5551000 + 10')).toBe(-1)
  })
})

describe('blocks of numbers', () => {
  it.each([
    ['020 555 1000 t/m 020 555 1099', 100],
    ['020-5551000 t/m 020-5551099', 100],
    ['020 555 1000 tot en met 020 555 1009', 10],
    ['020-5551000 - 020-5551099', 100],
    ['020-5551000 – 020-5551009', 10],
    ['0205551000;100', 100],
    ['0205551000, 100 nummers', 100],
    ['+31 20 555 1000, 100 numbers', 100],
    ['020 555 1000 + 10', 10],
  ])('reads the block %j in the number cell', (cell, count) => {
    expect(inventory({ number: 0 })([cell])).toEqual(inventoryRow(numbers('+31205551000', count)))
  })

  it.each([
    ['a last number', ['020-5551000', '020-5551099', ''], 100],
    ['a last number in another notation', ['020-5551000', '+31 20 555 1009', ''], 10],
    ['the same first and last number', ['020-5551000', '020-5551000', ''], 1],
    ['a count', ['020-5551000', '', '50'], 50],
    ['a count with a thousands dot', ['020-5551000', '', '1.000'], 1000],
    ['a count in the last-number column', ['020-5551000', '10', ''], 10],
    ['a last number in the count column', ['020-5551000', '', '020-5551019'], 20],
    ['a last number and a count that agree', ['020-5551000', '020-5551009', '10'], 10],
    ['the largest block', ['020-5551000', '', String(maxRangeCount)], maxRangeCount],
  ])('reads a block from %s', (_, record, count) => {
    expect(inventory({ number: 0, numberLast: 1, count: 2 })(record)).toEqual(inventoryRow(numbers('+31205551000', count)))
  })

  it('takes an empty last-number and count cell for a single number', () => {
    expect(inventory({ number: 0, numberLast: 1, count: 2 })(['020-5551000', '', ''])).toEqual(inventoryRow(numbers('+31205551000')))
  })

  it('accepts a block in the number cell when the last number agrees with it', () => {
    expect(inventory({ number: 0, numberLast: 1 })(['020-5551000 t/m 020-5551009', '020-5551009'])).toEqual(inventoryRow(numbers('+31205551000', 10)))
  })

  it.each<[string, string[], RowProblem, string]>([
    ['a last number before the first', ['020-5551099', '020-5551000', ''], 'row.rangeReversed', '020-5551000'],
    ['a block in one cell written backwards', ['020-5551099 t/m 020-5551000', '', ''], 'row.rangeReversed', '020-5551099 t/m 020-5551000'],
    ['a block of more than the maximum', ['020-5550000', '020-5570000', ''], 'row.rangeTooLarge', '020-5570000'],
    ['a count of more than the maximum', ['020-5550000', '', '10001'], 'row.rangeTooLarge', '10001'],
    ['a block in one cell of more than the maximum', ['0205550000;20000', '', ''], 'row.rangeTooLarge', '0205550000;20000'],
    ['a last number of another length', ['020-5551000', '0800-1234567', ''], 'row.rangeInvalid', '0800-1234567'],
    ['a first number with a digit too many', ['020-99999990', '', ''], 'row.numberInvalid', '020-99999990'],
    ['a first number outside the numbering plan, whatever the count', ['099-9999990', '', '20'], 'row.numberInvalid', '099-9999990'],
    ['a block that runs into numbers that do not exist', ['020-9999995', '', '10'], 'row.rangeInvalid', '10'],
    ['a last number and a count that disagree', ['020-5551000', '020-5551009', '20'], 'row.rangeInvalid', '20'],
    ['a block in the number cell and a count that disagree', ['020-5551000 t/m 020-5551009', '', '20'], 'row.rangeInvalid', '20'],
    ['a count of zero', ['020-5551000', '', '0'], 'row.countInvalid', '0'],
    ['a count in words', ['020-5551000', '', 'tien'], 'row.countInvalid', 'tien'],
    ['a count with letters', ['020-5551000', '', '10x'], 'row.countInvalid', '10x'],
    ['a negative count', ['020-5551000', '', '-5'], 'row.countInvalid', '-5'],
    ['a last number that is not a number', ['020-5551000', '020-555abcd', ''], 'row.numberInvalid', '020-555abcd'],
    ['a foreign last number', ['020-5551000', '+32 2 555 1099', ''], 'row.numberNotDutch', '+32 2 555 1099'],
    ['a block in one cell of two lengths', ['0800 1234 t/m 020 555 1000', '', ''], 'row.rangeInvalid', '0800 1234 t/m 020 555 1000'],
    ['a zero count in one cell', ['0205551000;0', '', ''], 'row.countInvalid', '0205551000;0'],
  ])('refuses %s', (_, record, problem, detail) => {
    expect(inventory({ number: 0, numberLast: 1, count: 2 })(record)).toEqual(fails(problem, detail))
  })
})

describe('status', () => {
  it.each<[string, NumberStatus]>([
    ['actief', 'active'],
    ['active', 'active'],
    ['in gebruik', 'active'],
    ['in use', 'active'],
    ['aangesloten', 'active'],
    ['live', 'active'],
    ['ok', 'active'],
    ['opgezegd', 'disconnected'],
    ['beëindigd', 'disconnected'],
    ['beeindigd', 'disconnected'],
    ['afgesloten', 'disconnected'],
    ['disconnected', 'disconnected'],
    ['terminated', 'disconnected'],
    ['cancelled', 'disconnected'],
    ['inactief', 'disconnected'],
    ['inactive', 'disconnected'],
    ['geporteerd', 'ported_out'],
    ['uitgeporteerd', 'ported_out'],
    ['ported', 'ported_out'],
    ['ported out', 'ported_out'],
    ['ported_out', 'ported_out'],
    ['porteren', 'porting_out'],
    ['wordt geporteerd', 'porting_out'],
    ['porting', 'porting_out'],
    ['porting out', 'porting_out'],
  ])('reads %j as %s', (word, status) => {
    expect(inventory()(['020-5551000', 'ISDN30-0001', word])).toEqual(inventoryRow(numbers('+31205551000'), 'ISDN30-0001', status))
  })

  it.each([
    ['BEËINDIGD', 'disconnected'],
    ['  Actief ', 'active'],
    ['In  Gebruik', 'active'],
    ['Wordt Geporteerd', 'porting_out'],
    ['OK', 'active'],
  ])('reads %j without regard to case, accents or spacing', (word, status) => {
    expect(readStatus(word)).toBe(status)
  })

  it('reads an empty status cell as no status', () => {
    expect(inventory()(['020-5551000', 'ISDN30-0001', ''])).toEqual(inventoryRow(numbers('+31205551000'), 'ISDN30-0001', null))
  })

  it('reads a missing status column as no status', () => {
    expect(inventory({ number: 0 })(['020-5551000'])).toEqual(inventoryRow(numbers('+31205551000')))
  })

  it.each(['Verhuisd', 'gereserveerd', 'actief?', 'constructor', 'toString'])('refuses the unknown status %j', (word) => {
    expect(inventory()(['020-5551000', 'ISDN30-0001', word])).toEqual(fails('row.statusUnknown', word))
  })

  it('gives the same verdict for a status word the second time', () => {
    const read = inventory()
    expect([read(['020-5551000', '', 'Verhuisd']), read(['020-5551001', '', 'Verhuisd'])]).toEqual([
      fails('row.statusUnknown', 'Verhuisd'),
      fails('row.statusUnknown', 'Verhuisd'),
    ])
    expect([read(['020-5551000', '', 'Actief']), read(['020-5551001', '', 'Actief'])]).toEqual([
      inventoryRow(numbers('+31205551000'), null, 'active'),
      inventoryRow(numbers('+31205551001'), null, 'active'),
    ])
  })
})

describe('amounts', () => {
  it.each([
    ['12,50', 1250],
    ['1.234,56', 123456],
    ['€ 12,50', 1250],
    ['€12,50', 1250],
    ['12,50 EUR', 1250],
    ['1,234.56', 123456],
    ['12.50', 1250],
    ['0,00', 0],
    ['245', 24500],
    ['-12,50', -1250],
    ['12,50-', -1250],
    ['(12,50)', -1250],
    ['-€ 12,50', -1250],
    ['€ -12,50', -1250],
    ['(€ 1.234,56)', -123456],
    ['-1,234.56', -123456],
    ['−12,50', -1250],
    ['-0,00', 0],
  ])('reads %j as %i cents', (cell, cents) => {
    expect(readAmountCents(cell)).toBe(cents)
  })

  it.each(['abc', '12,345', '--12,50', '-12,50-', '(-12,50)', '-', '()', '€', '12,50 (credit)', '1e3'])('refuses %j', (cell) => {
    expect(readAmountCents(cell)).toBeNull()
  })

  it('never gives minus zero', () => {
    expect(Object.is(readAmountCents('-0,00'), 0)).toBe(true)
  })
})

describe('inventory rows', () => {
  it('reads a number with its service and status', () => {
    expect(inventory()(['020-5551000', 'ISDN30-0001', 'Actief'])).toEqual(inventoryRow(numbers('+31205551000'), 'ISDN30-0001', 'active'))
  })

  it('reads an empty service cell as no service', () => {
    expect(inventory()(['020-5551000', '', 'Actief'])).toEqual(inventoryRow(numbers('+31205551000'), null, 'active'))
  })

  it('trims cells that csv-parse left untrimmed inside quotes', () => {
    expect(inventory()([' 020-5551000 ', '  ISDN30-0001 ', ' Actief '])).toEqual(inventoryRow(numbers('+31205551000'), 'ISDN30-0001', 'active'))
  })

  it('reads cells beyond the end of a short record as empty', () => {
    expect(inventory()(['020-5551000'])).toEqual(inventoryRow(numbers('+31205551000')))
  })

  it('ignores invoice columns in an inventory', () => {
    expect(createRowReader('inventory', { number: 0, amount: 1, description: 2 })(['020-5551000', 'abc', 'x'])).toEqual(inventoryRow(numbers('+31205551000')))
  })
})

describe('invoice rows', () => {
  it('reads a number line with service, amount and description', () => {
    expect(invoice()(['020-5551000', 'ISDN30-0001', '245,00', 'Abonnement'])).toEqual(invoiceRow(numbers('+31205551000'), 'ISDN30-0001', 24500, 'Abonnement'))
  })

  it('reads a service line without a number', () => {
    expect(invoice()(['', 'FIBER-0042', '399,00', ''])).toEqual(invoiceRow(null, 'FIBER-0042', 39900))
  })

  it('reads a number line without a service', () => {
    expect(invoice()(['010-4001234', '', '3,21', 'Gesprekskosten'])).toEqual(invoiceRow(numbers('+31104001234'), null, 321, 'Gesprekskosten'))
  })

  it('reads a credit line', () => {
    expect(invoice()(['020-5551010', 'WLR-0205551010', '-9,48', 'Creditering'])).toEqual(invoiceRow(numbers('+31205551010'), 'WLR-0205551010', -948, 'Creditering'))
  })

  it('reads a block line', () => {
    expect(invoice()(['020-5551000 t/m 020-5551099', 'ISDN30-0001', '25,00', 'Nummerblok'])).toEqual(invoiceRow(numbers('+31205551000', 100), 'ISDN30-0001', 2500, 'Nummerblok'))
  })

  it('reads invoices that have no number column at all', () => {
    expect(invoice({ serviceRef: 0, amount: 1 })(['SIP-4411', '45,00'])).toEqual(invoiceRow(null, 'SIP-4411', 4500))
  })

  it('ignores a status column in an invoice', () => {
    expect(createRowReader('invoice', { number: 0, amount: 1, status: 2 })(['020-5551000', '1,00', 'weird'])).toEqual(invoiceRow(numbers('+31205551000'), null, 100))
  })
})

describe('row problems', () => {
  it.each<[string, ImportKind, ColumnMapping, string[], RowProblem, string]>([
    ['an empty record', 'inventory', { number: 0, status: 1 }, ['', '', ''], 'row.empty', ''],
    ['a record of blanks', 'invoice', { number: 0, amount: 1 }, ['  ', ' '], 'row.empty', ''],
    ['a record with no cells', 'inventory', { number: 0 }, [], 'row.empty', ''],
    ['an inventory row without a number', 'inventory', { number: 0, serviceRef: 1 }, ['', 'ISDN30-0001'], 'row.numberMissing', ''],
    ['a number with letters', 'inventory', { number: 0 }, ['020-555abcd'], 'row.numberInvalid', '020-555abcd'],
    ['a foreign number', 'inventory', { number: 0 }, ['+32 2 555 1000'], 'row.numberNotDutch', '+32 2 555 1000'],
    ['a block of two lengths', 'inventory', { number: 0 }, ['0800 1234 t/m 020 555 1000'], 'row.rangeInvalid', '0800 1234 t/m 020 555 1000'],
    ['a reversed block', 'inventory', { number: 0, numberLast: 1 }, ['020-5551099', '020-5551000'], 'row.rangeReversed', '020-5551000'],
    ['a block too large', 'inventory', { number: 0, count: 1 }, ['020-5550000', '20000'], 'row.rangeTooLarge', '20000'],
    ['a count of zero', 'inventory', { number: 0, count: 1 }, ['020-5551000', '0'], 'row.countInvalid', '0'],
    ['an unknown status', 'inventory', { number: 0, status: 1 }, ['020-5551000', 'Verhuisd'], 'row.statusUnknown', 'Verhuisd'],
    ['an amount in words', 'invoice', { number: 0, amount: 1 }, ['020-5551000', 'gratis'], 'row.amountInvalid', 'gratis'],
    ['an invoice row without an amount', 'invoice', { number: 0, amount: 1 }, ['020-5551000', ''], 'row.amountMissing', ''],
    ['an invoice row with neither number nor service', 'invoice', { number: 0, serviceRef: 1, amount: 2, description: 3 }, ['', '', '0,01', 'Afronding'], 'row.nothingToBill', ''],
    ['an inventory row too short to reach the number', 'inventory', { serviceRef: 0, number: 2 }, ['ISDN30-0001', 'x'], 'row.columnsMissing', 'ISDN30-0001 | x'],
    ['an invoice row too short to reach the amount', 'invoice', { number: 0, amount: 3 }, ['020-5551000', 'x'], 'row.columnsMissing', '020-5551000 | x'],
    ['an invoice row too short to reach number or service', 'invoice', { amount: 0, number: 2, serviceRef: 3 }, ['1,00', 'x'], 'row.columnsMissing', '1,00 | x'],
  ])('reports %s', (_, kind, mapping, record, problem, detail) => {
    expect(createRowReader(kind, mapping)(record)).toEqual(fails(problem, detail))
  })

  it('reads a short invoice record that reaches the service column though not the number column', () => {
    expect(createRowReader('invoice', { amount: 0, serviceRef: 1, number: 3 })(['1,00', 'SIP-4411'])).toEqual(invoiceRow(null, 'SIP-4411', 100))
  })

  it('cuts a long detail to the maximum length', () => {
    const cell = `020 ${'x'.repeat(200)}`
    const row = inventory({ number: 0 })([cell])
    expect(row).toEqual(fails('row.numberInvalid', `${cell.slice(0, maxDetailLength - 1)}…`))
    expect(row.ok ? 0 : row.detail.length).toBe(maxDetailLength)
  })

  it.each(rowProblems)('%s has a message in English and Dutch', (problem) => {
    expect(importRows.en[problem]).toBeTruthy()
    expect(importRows.nl[problem]).toBeTruthy()
  })
})

/** A fixture read as the import reads it: sniff the head, decode all, csv-parse, skip the header, read each record. */
function readFixture(name: string, kind: ImportKind): ReadRow[] {
  const bytes = new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`))
  const format = sniffFormat(bytes.subarray(0, sniffHeadBytes))
  const records = parse(createTextDecoder(format).decode(bytes), csvParseOptions(format)) as string[][]
  const [header = [], ...data] = format.header ? records : [[], ...records]
  const read = createRowReader(kind, guessMapping(kind, header))
  return data.map(read)
}

describe('the fixtures, end to end', () => {
  it('reads kpn-semicolon-1252.csv', () => {
    expect(readFixture('kpn-semicolon-1252.csv', 'inventory')).toEqual([
      inventoryRow(numbers('+31205551000'), 'ISDN30-0001', 'active'),
      inventoryRow(numbers('+31205551001'), 'ISDN30-0001', 'active'),
      inventoryRow(numbers('+31205551002'), 'ISDN30-0001', 'active'),
      inventoryRow(numbers('+31205551003'), 'ISDN30-0001', 'disconnected'),
      inventoryRow(numbers('+31205551010'), 'WLR-0205551010', 'active'),
      inventoryRow(numbers('+31205551011'), 'WLR-0205551011', 'disconnected'),
      inventoryRow(numbers('+31302001000'), 'SIP-4411', 'active'),
      inventoryRow(numbers('+31302001001'), 'SIP-4411', 'porting_out'),
      inventoryRow(numbers('+31302001002'), 'SIP-4411', 'ported_out'),
      inventoryRow(numbers('+31104001234'), 'ISDN2-0107', 'active'),
    ])
  })

  it('reads utf8-bom-comma.csv', () => {
    expect(readFixture('utf8-bom-comma.csv', 'inventory')).toEqual([
      inventoryRow(numbers('+31205551020'), 'SIP-4411', 'active'),
      inventoryRow(numbers('+31205551021'), 'SIP-4411', 'active'),
      inventoryRow(numbers('+31205551022'), 'SIP-4411', 'ported_out'),
      inventoryRow(numbers('+31205551023'), 'SIP-4411', 'porting_out'),
      inventoryRow(numbers('+31302001010'), 'ISDN30-0002', 'disconnected'),
      inventoryRow(numbers('+31104001235'), 'ISDN30-0002', 'active'),
      inventoryRow(numbers('+31104001236'), null, 'active'),
    ])
  })

  it('reads quoted.csv', () => {
    expect(readFixture('quoted.csv', 'invoice')).toEqual([
      invoiceRow(numbers('+31205551000'), 'ISDN30-0001', 123456, 'Monthly fee, ISDN30 trunk; 30 channels'),
      invoiceRow(numbers('+31205551001'), 'ISDN30-0001', 1250, 'Extra DDI "reception"'),
      invoiceRow(numbers('+31205551002'), 'ISDN30-0001', -300, 'Credit: line\nunavailable for 2 days'),
      invoiceRow(null, 'SIP-4411', 4500, 'Trunk, "SIP" access; per month'),
      invoiceRow(numbers('+31205551003'), null, 725, 'Calls'),
    ])
  })

  it('reads ranges.csv', () => {
    expect(readFixture('ranges.csv', 'inventory')).toEqual([
      inventoryRow(numbers('+31205551000', 100), 'ISDN30-0001', 'active'),
      inventoryRow(numbers('+31205552000', 50), 'ISDN30-0002', 'active'),
      inventoryRow(numbers('+31205553000', 100), 'SIP-4411', 'active'),
      inventoryRow(numbers('+31302001000', 10), 'SIP-4412', 'disconnected'),
      inventoryRow(numbers('+31205554000', 10), 'SIP-4413', 'active'),
      inventoryRow(numbers('+31205555000', 10), 'ISDN30-0003', 'active'),
      inventoryRow(numbers('+31104001234'), 'ISDN2-0107', 'active'),
      inventoryRow(numbers('+31205556000', 10), 'WLR-0205556000', 'active'),
    ])
  })

  it('reads invoice-nl.csv', () => {
    expect(readFixture('invoice-nl.csv', 'invoice')).toEqual([
      invoiceRow(numbers('+31205551000'), 'ISDN30-0001', 24500, 'Abonnement ISDN30 (30 kanalen)'),
      invoiceRow(numbers('+31205551000', 100), 'ISDN30-0001', 2500, 'Nummerblok 100 nummers'),
      invoiceRow(numbers('+31302001000'), 'SIP-4411', 123456, 'Abonnement SIP-trunk'),
      invoiceRow(numbers('+31205551010'), 'WLR-0205551010', 1895, 'Abonnement liftlijn'),
      invoiceRow(numbers('+31205551010'), 'WLR-0205551010', -948, 'Creditering storing september'),
      invoiceRow(null, 'FIBER-0042', 39900, 'Glasvezel 1 Gbit/s'),
      invoiceRow(numbers('+31104001234'), null, 321, 'Gesprekskosten'),
      invoiceRow(null, 'SIP-4411', -5000, 'Korting kwartaal'),
      fails('row.amountMissing'),
      fails('row.nothingToBill'),
    ])
  })

  it('reads bad-rows.csv', () => {
    expect(readFixture('bad-rows.csv', 'inventory')).toEqual([
      inventoryRow(numbers('+31205551000'), 'ISDN30-0001', 'active'),
      fails('row.numberNotDutch', '+32 2 555 1000'),
      fails('row.numberInvalid', '020-555abcd'),
      fails('row.statusUnknown', 'Verhuisd'),
      fails('row.rangeReversed', '020-5551000'),
      fails('row.empty'),
      inventoryRow(numbers('+31205551003'), 'ISDN30-0001', 'active'),
      fails('row.numberMissing'),
      fails('row.rangeTooLarge', '020-5570000'),
      fails('row.countInvalid', '0'),
      inventoryRow(numbers('+318001234'), 'SIP-4411', 'active'),
      fails('row.rangeInvalid', '0800-1234567'),
      fails('row.numberInvalid', 'n.v.t.'),
      fails('row.columnsMissing', 'ISDN30-0001'),
      inventoryRow(numbers('+31205551006'), 'SIP-4411', 'active'),
    ])
  })
})
