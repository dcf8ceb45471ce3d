import { describe, expect, it } from 'vitest'
import { centsToInput, formatCents, parseEuroToCents } from '#app/domain/money.ts'

describe('parseEuroToCents', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,5', 123450],
    ['1,234.56', 123456],
    ['1234.56', 123456],
    ['€ 12', 1200],
    ['€12,00', 1200],
    ['12 EUR', 1200],
    ['1.234', 123400],
    ['1.234.567', 123456700],
    ['1,234,567.89', 123456789],
    ['1.845,00', 184500],
    ['1 234,56', 123456],
    ['0,05', 5],
    ['12.5', 1250],
    ['0', 0],
    ['  7  ', 700],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseEuroToCents(input)).toBe(cents)
  })

  it.each([
    ['12,345', 'three decimals after a lone comma'],
    ['12,3,4', 'two commas without a decimal point'],
    ['1.2.3', 'dots that are not groups of three'],
    ['1,23.45', 'a badly grouped whole part'],
    ['1.234,56.7', 'separators in the wrong order'],
    ['', 'nothing'],
    ['€', 'only a currency sign'],
    ['abc', 'words'],
    ['12a', 'trailing letters'],
    [',50', 'no whole part'],
    ['-5', 'a negative amount'],
    ['-1.234,56', 'a negative amount in Dutch notation'],
    ['1e3', 'scientific notation'],
    ['99999999999999999999', 'more than fits in a safe integer'],
  ])('refuses %j (%s)', (input) => {
    expect(parseEuroToCents(input)).toBeNull()
  })
})

describe('formatCents', () => {
  const plain = (s: string) => s.replace(/\s/g, ' ')

  it('writes Dutch notation for nl', () => {
    expect(plain(formatCents(123456, 'nl'))).toBe('€ 1.234,56')
    expect(plain(formatCents(5, 'nl'))).toBe('€ 0,05')
  })

  it('writes English notation for en', () => {
    expect(plain(formatCents(123456, 'en'))).toBe('€1,234.56')
    expect(plain(formatCents(184500, 'en'))).toBe('€1,845.00')
  })
})

describe('centsToInput', () => {
  it.each([
    [123456, 'nl', '1234,56'],
    [123456, 'en', '1234.56'],
    [5, 'nl', '0,05'],
    [1200, 'en', '12.00'],
    [0, 'nl', '0,00'],
  ] as const)('%i cents in %s is %j, which parses back to the same cents', (cents, locale, text) => {
    expect(centsToInput(cents, locale)).toBe(text)
    expect(parseEuroToCents(text)).toBe(cents)
  })
})

describe('amounts for input fields and files', () => {
  it('write a credit with its sign before the whole amount', () => {
    expect(centsToInput(-1250, 'nl')).toBe('-12,50')
    expect(centsToInput(-5, 'en')).toBe('-0.05')
    expect(centsToInput(123456, 'nl')).toBe('1234,56')
  })
})
