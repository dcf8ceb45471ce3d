import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  columnMappingSchema,
  decodeHead,
  guessMapping,
  mappingFromForm,
  mappingProblems,
  normaliseHeader,
  previewRecords,
  sniffFormat,
  type ColumnMapping,
  type ImportField,
  type ImportKind,
  type MappingIssue,
} from '#app/domain/imports/index.ts'
import { importRows } from '#app/i18n/messages/import-rows.ts'

/** The header record of a fixture, read the way the mapping screen reads it. */
function headersOf(name: string): string[] {
  const head = new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`))
  const format = sniffFormat(head)
  return previewRecords(decodeHead(head, format), format, 1)[0] ?? []
}

describe('guessMapping on the fixtures', () => {
  it.each<[string, ImportKind, ColumnMapping]>([
    ['kpn-semicolon-1252.csv', 'inventory', { serviceRef: 0, number: 1, status: 2 }],
    ['utf8-bom-comma.csv', 'inventory', { number: 0, serviceRef: 1, status: 2 }],
    ['quoted.csv', 'invoice', { number: 0, serviceRef: 1, amount: 2, description: 3 }],
    ['ranges.csv', 'inventory', { serviceRef: 0, number: 1, numberLast: 2, count: 3, status: 4 }],
    ['invoice-nl.csv', 'invoice', { serviceRef: 1, number: 2, description: 3, amount: 5 }],
    ['bad-rows.csv', 'inventory', { serviceRef: 0, number: 1, numberLast: 2, status: 3 }],
  ])('maps the columns of %s (%s)', (name, kind, mapping) => {
    expect(guessMapping(kind, headersOf(name))).toEqual(mapping)
  })
})

describe('guessMapping', () => {
  it.each<[string, ImportField]>([
    ['Nummer', 'number'],
    ['Telefoonnummer', 'number'],
    ['Tel.nr.', 'number'],
    ['TEL NR', 'number'],
    ['Abonneenummer', 'number'],
    ['Number', 'number'],
    ['Phone number', 'number'],
    ['phone_number', 'number'],
    ['MSISDN', 'number'],
    ['DDI', 'number'],
    ['Van', 'number'],
    ['From', 'number'],
    ['Eerste nummer', 'number'],
    ['First', 'number'],
    ['Tot', 'numberLast'],
    ['t/m', 'numberLast'],
    ['T/M', 'numberLast'],
    ['Tot en met', 'numberLast'],
    ['Laatste nummer', 'numberLast'],
    ['Last', 'numberLast'],
    ['To', 'numberLast'],
    ['Until', 'numberLast'],
    ['Aantal', 'count'],
    ['Count', 'count'],
    ['Aantal nummers', 'count'],
    ['Quantity', 'count'],
    ['Aansluiting', 'serviceRef'],
    ['Aansluitnummer', 'serviceRef'],
    ['Lijn', 'serviceRef'],
    ['Lijnnummer', 'serviceRef'],
    ['Lijn-ID', 'serviceRef'],
    ['Dienst', 'serviceRef'],
    ['Service', 'serviceRef'],
    ['Line', 'serviceRef'],
    ['Line ID', 'serviceRef'],
    ['Circuit', 'serviceRef'],
    ['Trunk', 'serviceRef'],
    ['Access', 'serviceRef'],
    ['Status', 'status'],
    ['Staat', 'status'],
  ])('reads the inventory header %j as %s', (header, field) => {
    expect(guessMapping('inventory', ['Something else', header])).toEqual({ [field]: 1 })
  })

  it.each<[string, ImportField]>([
    ['Bedrag', 'amount'],
    ['Bedrag excl. btw', 'amount'],
    ['Bedrag excl. BTW (€)', 'amount'],
    ['Amount', 'amount'],
    ['Total', 'amount'],
    ['Totaal', 'amount'],
    ['Prijs', 'amount'],
    ['Price', 'amount'],
    ['Omschrijving', 'description'],
    ['Description', 'description'],
    ['Product', 'description'],
    ['Specificatie', 'description'],
    ['Aantal nummers', 'count'],
    ['Nummer', 'number'],
    ['Aansluiting', 'serviceRef'],
  ])('reads the invoice header %j as %s', (header, field) => {
    expect(guessMapping('invoice', ['Factuurregel', header])).toEqual({ [field]: 1 })
  })

  it('compares header names without case, accents or punctuation', () => {
    expect(guessMapping('inventory', ['  TÉLEFOONNUMMER ', 'Líjn-ÍD', 'STÂTUS:'])).toEqual({ number: 0, serviceRef: 1, status: 2 })
  })

  it('maps unknown header names to nothing', () => {
    expect(guessMapping('inventory', ['Klant', 'Postcode', 'Bedrag incl. btw', ''])).toEqual({})
  })

  it('gives a field to the first column that names it', () => {
    expect(guessMapping('inventory', ['Nummer', 'Telefoonnummer', 'Aansluiting', 'Lijn'])).toEqual({ number: 0, serviceRef: 2 })
  })

  it('maps only the fields the kind of file has', () => {
    expect(guessMapping('inventory', ['Nummer', 'Bedrag', 'Omschrijving'])).toEqual({ number: 0 })
    expect(guessMapping('invoice', ['Nummer', 'Status', 'Bedrag'])).toEqual({ number: 0, amount: 2 })
  })

  it('does not take an invoice quantity for the size of a number block', () => {
    expect(guessMapping('invoice', ['Nummer', 'Aantal', 'Quantity', 'Bedrag'])).toEqual({ number: 0, amount: 3 })
  })

  it('normalises a header to a comparable form', () => {
    expect(normaliseHeader(' Bedrag excl. BTW (€) ')).toBe('bedrag excl btw')
    expect(normaliseHeader('Prijs EUR')).toBe('prijs')
    expect(normaliseHeader('T/M')).toBe('t/m')
  })
})

describe('columnMappingSchema', () => {
  const issuesOf = (kind: ImportKind, columnCount: number, mapping: unknown) => {
    const result = columnMappingSchema(kind, columnCount).safeParse(mapping)
    return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
  }

  it.each<[string, ImportKind, number, unknown, { path: PropertyKey[]; message: string }[]]>([
    ['an inventory without the number column', 'inventory', 3, { serviceRef: 0, status: 1 }, [{ path: ['number'], message: 'mapping.numberRequired' }]],
    ['an invoice without the amount column', 'invoice', 3, { number: 0 }, [{ path: ['amount'], message: 'mapping.amountRequired' }]],
    ['an invoice with neither number nor service', 'invoice', 3, { amount: 2 }, [{ path: ['number'], message: 'mapping.numberOrService' }]],
    ['an invoice with a count but no first number', 'invoice', 3, { serviceRef: 0, count: 1, amount: 2 }, [{ path: ['number'], message: 'mapping.rangeNeedsNumber' }]],
    ['a column used twice', 'inventory', 3, { number: 0, serviceRef: 0 }, [{ path: ['serviceRef'], message: 'mapping.columnTwice' }]],
    ['a column past the last one', 'inventory', 3, { number: 3 }, [{ path: ['number'], message: 'mapping.columnUnknown' }]],
    ['a negative column', 'inventory', 3, { number: -1 }, [{ path: ['number'], message: 'mapping.columnUnknown' }]],
    ['a fractional column', 'inventory', 3, { number: 1.5 }, [{ path: ['number'], message: 'mapping.columnUnknown' }]],
    ['a column that is not a number', 'inventory', 3, { number: '1' }, [{ path: ['number'], message: 'mapping.columnUnknown' }]],
  ])('refuses %s', (_, kind, columnCount, mapping, issues) => {
    expect(issuesOf(kind, columnCount, mapping)).toEqual(issues)
  })

  it.each<[string, ImportKind, ColumnMapping]>([
    ['an inventory with only the number', 'inventory', { number: 0 }],
    ['an inventory with a last number and a count', 'inventory', { number: 0, numberLast: 1, count: 2, serviceRef: 3, status: 4 }],
    ['an invoice of service lines only', 'invoice', { serviceRef: 0, amount: 1 }],
    ['an invoice with every field', 'invoice', { number: 0, numberLast: 1, count: 2, serviceRef: 3, amount: 4, description: 5 }],
  ])('accepts %s', (_, kind, mapping) => {
    expect(columnMappingSchema(kind, 6).safeParse(mapping)).toEqual({ success: true, data: mapping })
  })

  it('drops fields the kind of file does not have', () => {
    expect(columnMappingSchema('invoice', 3).parse({ number: 0, amount: 1, status: 2 })).toEqual({ number: 0, amount: 1 })
  })
})

describe('mappingFromForm', () => {
  it('reads column indexes from col.<field>, with an empty value for "not in the file"', () => {
    const form = { 'col.number': '1', 'col.numberLast': '', 'col.count': '', 'col.serviceRef': '0', 'col.status': '3', intent: 'map' }
    expect(mappingFromForm('inventory', 4, form)).toEqual({ ok: true, mapping: { number: 1, serviceRef: 0, status: 3 } })
  })

  it.each<[string, ImportKind, Record<string, unknown>, MappingIssue[]]>([
    ['the number missing', 'inventory', { 'col.serviceRef': '0' }, [{ field: 'number', problem: 'mapping.numberRequired' }]],
    ['the amount missing', 'invoice', { 'col.number': '0' }, [{ field: 'amount', problem: 'mapping.amountRequired' }]],
    ['nothing to bill', 'invoice', { 'col.amount': '0', 'col.description': '1' }, [{ field: 'number', problem: 'mapping.numberOrService' }]],
    ['a last number without a first', 'invoice', { 'col.serviceRef': '0', 'col.numberLast': '1', 'col.amount': '2' }, [{ field: 'number', problem: 'mapping.rangeNeedsNumber' }]],
    ['one column for two fields', 'inventory', { 'col.number': '1', 'col.status': '1' }, [{ field: 'status', problem: 'mapping.columnTwice' }]],
    ['a column the file does not have', 'inventory', { 'col.number': '7' }, [{ field: 'number', problem: 'mapping.columnUnknown' }]],
    ['a word instead of a column', 'inventory', { 'col.number': 'first' }, [{ field: 'number', problem: 'mapping.columnUnknown' }]],
    ['a non-text value', 'inventory', { 'col.number': 1 }, [{ field: 'number', problem: 'mapping.columnUnknown' }]],
  ])('reports %s with the field it belongs to', (_, kind, form, issues) => {
    expect(mappingFromForm(kind, 4, form)).toEqual({ ok: false, issues })
  })

  it('reports every problem at once', () => {
    expect(mappingFromForm('invoice', 2, { 'col.description': '5' })).toEqual({
      ok: false,
      issues: [
        { field: 'description', problem: 'mapping.columnUnknown' },
        { field: 'amount', problem: 'mapping.amountRequired' },
        { field: 'number', problem: 'mapping.numberOrService' },
      ],
    })
  })
})

describe('mapping messages', () => {
  it.each(mappingProblems)('%s has a message in English and Dutch', (problem) => {
    expect(importRows.en[problem]).toBeTruthy()
    expect(importRows.nl[problem]).toBeTruthy()
  })
})
