// Which column of a carrier file feeds which of our fields: a guess from the header names (Dutch and
// English, as carriers and Excel users write them), and the check of what the user finally chose.
import { z } from 'zod'
import { inventoryFields, invoiceFields, type ColumnMapping, type ImportField, type ImportKind } from './types.ts'

/** Why a column mapping cannot be used: message keys (app/i18n/messages/import-rows.ts). */
export const mappingProblems = [
  'mapping.columnUnknown',
  'mapping.columnTwice',
  'mapping.numberRequired',
  'mapping.amountRequired',
  'mapping.numberOrService',
  'mapping.rangeNeedsNumber',
] as const
export type MappingProblem = (typeof mappingProblems)[number]

/** The fields a file of this kind can fill, in the order the mapping form shows them. */
export function fieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'inventory' ? inventoryFields : invoiceFields
}

/**
 * A column mapping for a file of `columnCount` columns: every mapped field names an existing column,
 * no column feeds two fields, and the fields the kind needs are there — an inventory needs the number,
 * an invoice the amount and something to bill (a number or a service reference). The last number or
 * the count of a block needs the block's first number. Fields the kind does not have are dropped.
 * Issue messages are {@link MappingProblem} keys, with the field as path.
 */
export function columnMappingSchema(kind: ImportKind, columnCount: number): z.ZodType<ColumnMapping> {
  const column = z
    .number({ error: 'mapping.columnUnknown' })
    .int({ error: 'mapping.columnUnknown' })
    .min(0, { error: 'mapping.columnUnknown' })
    .max(columnCount - 1, { error: 'mapping.columnUnknown' })
    .optional()
  const fields = fieldsOf(kind)
  const shape: Record<string, typeof column> = {}
  for (const field of fields) shape[field] = column

  return z.object(shape).superRefine(
    (value, ctx) => {
      // Runs even when a column is already refused (see `when`), so the form shows every problem at
      // once; a refused value may be anything, so this reads the object loosely.
      const mapping: Record<string, unknown> = value
      const problem = (field: ImportField, message: MappingProblem) => ctx.addIssue({ code: 'custom', path: [field], message })

      const usedBy = new Set<unknown>()
      for (const field of fields) {
        const index = mapping[field]
        if (index === undefined) continue
        if (usedBy.has(index)) problem(field, 'mapping.columnTwice')
        else usedBy.add(index)
      }

      // A field mapped to a refused column counts as mapped: its own issue says what is wrong.
      const has = (field: ImportField) => mapping[field] !== undefined
      if (kind === 'inventory') {
        if (!has('number')) problem('number', 'mapping.numberRequired')
      } else {
        if (!has('amount')) problem('amount', 'mapping.amountRequired')
        if (!has('number') && !has('serviceRef')) problem('number', 'mapping.numberOrService')
        else if (!has('number') && (has('numberLast') || has('count'))) problem('number', 'mapping.rangeNeedsNumber')
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
}

/**
 * Header names per field, compared after {@link normaliseHeader}. Where two fields could claim a name,
 * it is listed under the field it means in a carrier export (`van`/`from` start a block, `tot`/`to`
 * end it).
 */
const headerNames: Record<ImportField, readonly string[]> = {
  number: [
    'nummer', 'nummers', 'telefoonnummer', 'telefoon', 'tel nr', 'telnr', 'abonneenummer', 'nummerreeks', 'nummerblok',
    'number', 'numbers', 'phone number', 'phone', 'telephone number', 'msisdn', 'ddi', 'number range', 'number block',
    'van', 'vanaf', 'van nummer', 'eerste nummer', 'beginnummer', 'startnummer',
    'from', 'from number', 'first', 'first number', 'start number',
  ],
  numberLast: [
    'tot', 't/m', 'tm', 'tot en met', 'tot nummer', 'laatste nummer', 'eindnummer',
    'last', 'last number', 'to', 'to number', 'until', 'through', 'end number',
  ],
  count: ['aantal', 'aantal nummers', 'aantal nrs', 'count', 'number count', 'number of numbers', 'quantity', 'qty'],
  serviceRef: [
    'aansluiting', 'aansluitnummer', 'aansluiting id', 'lijn', 'lijnnummer', 'lijn id', 'lijnid', 'dienst', 'dienst id',
    'service', 'service id', 'service ref', 'service reference', 'line', 'line id', 'circuit', 'circuit id', 'trunk',
    'access', 'access id',
  ],
  status: ['status', 'staat', 'state'],
  amount: [
    'bedrag', 'bedrag excl btw', 'bedrag ex btw', 'totaal', 'totaal excl btw', 'prijs', 'prijs excl btw', 'kosten',
    'amount', 'amount excl vat', 'total', 'total excl vat', 'price', 'net amount',
  ],
  description: ['omschrijving', 'productomschrijving', 'specificatie', 'product', 'description', 'item'],
}

/**
 * On an invoice, a bare "Aantal"/"Quantity" is how many of the billed item (2 × a subscription), not how
 * many numbers a block holds; guessing it as the block size would bill a block that is not there. Only
 * names that say "numbers" are guessed as the count there.
 */
const invoiceCountNames = new Set(['aantal nummers', 'aantal nrs', 'number count', 'number of numbers'])

const fieldByHeader = (kind: ImportKind): Map<string, ImportField> => {
  const out = new Map<string, ImportField>()
  for (const field of fieldsOf(kind)) {
    for (const name of headerNames[field]) {
      if (kind === 'invoice' && field === 'count' && !invoiceCountNames.has(name)) continue
      out.set(name, field)
    }
  }
  return out
}
const headerLookup: Record<ImportKind, Map<string, ImportField>> = {
  inventory: fieldByHeader('inventory'),
  invoice: fieldByHeader('invoice'),
}

/**
 * A header name in comparable form: accents, case, punctuation and a parenthesised or trailing unit
 * dropped, so `Tel.nr.`, `TEL NR` and `tel_nr` match, as do `Bedrag excl. BTW (€)` and `Bedrag excl btw`.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim()
    .replace(/ (?:eur|euro)$/, '')
}

/**
 * The mapping suggested by the header names: each field at most once (the first column that names it
 * wins), unknown names left unmapped. The user confirms or corrects it before anything is imported.
 */
export function guessMapping(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const lookup = headerLookup[kind]
  const mapping: ColumnMapping = {}
  headers.forEach((header, index) => {
    const field = lookup.get(normaliseHeader(header))
    if (field !== undefined && mapping[field] === undefined) mapping[field] = index
  })
  return mapping
}

export interface MappingIssue {
  /** The field the problem is about, or null for the mapping as a whole. */
  field: ImportField | null
  problem: MappingProblem
}

export type MappingResult = { ok: true; mapping: ColumnMapping } | { ok: false; issues: MappingIssue[] }

/**
 * Reads the mapping form: one select per field named `col.<field>`, whose value is the column index as
 * a string, or '' for "not in the file". Anything else (a word, a file) is an unknown column. Returns the
 * mapping, or every problem with the field it belongs to (the form shows it under `col.<field>`).
 */
export function mappingFromForm(kind: ImportKind, columnCount: number, form: Record<string, unknown>): MappingResult {
  const candidate: Record<string, number> = {}
  for (const field of fieldsOf(kind)) {
    const value = form[`col.${field}`]
    if (value === undefined || value === null || value === '') continue
    candidate[field] = typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN
  }
  const result = columnMappingSchema(kind, columnCount).safeParse(candidate)
  if (result.success) return { ok: true, mapping: result.data }
  const fields = fieldsOf(kind)
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const head = issue.path[0]
      const field = fields.find((f) => f === head) ?? null
      const problem = mappingProblems.find((p) => p === issue.message) ?? 'mapping.columnUnknown'
      return { field, problem }
    }),
  }
}
