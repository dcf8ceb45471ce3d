import { describe, expect, it } from 'vitest'
import {
  collapseToRanges,
  e164Value,
  expandRange,
  formatNational,
  maxRangeCount,
  numberSearchPattern,
  offsetNumber,
  parseDutchNumber,
  parseNumberRange,
  rangesOverlap,
  type RangeError,
} from '#app/domain/numbers/index.ts'

describe('parseDutchNumber', () => {
  it.each([
    ['020 555 1000', '+31205551000'],
    ['020-5551000', '+31205551000'],
    ['(020) 555 10 00', '+31205551000'],
    ['+31 20 555 1000', '+31205551000'],
    ['+31 (0)20 555 1000', '+31205551000'],
    ['0031 20 555 1000', '+31205551000'],
    ['0031205551000', '+31205551000'],
    ['06 12345678', '+31612345678'],
    ['010 123 4567', '+31101234567'],
    ['0800 1234', '+318001234'],
    ['  085 888 8888  ', '+31858888888'],
  ])('reads %j as %s', (input, e164) => {
    expect(parseDutchNumber(input)).toEqual({ ok: true, value: e164 })
  })

  it.each([
    ['', 'number.empty'],
    ['   ', 'number.empty'],
    ['+44 20 7946 0958', 'number.not_dutch'],
    ['0044 20 7946 0958', 'number.not_dutch'],
    ['+1 212 555 1234', 'number.not_dutch'],
    ['12345', 'number.invalid'],
    ['020 555 10000', 'number.invalid'],
    ['hello', 'number.invalid'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseDutchNumber(input)).toEqual({ ok: false, error })
  })
})

describe('parseNumberRange', () => {
  it.each([
    // first number and a count
    ['+31 20 555 1000, 100 numbers', '+31205551000', 100],
    ['+31 20 555 1000 , 100 nummers', '+31205551000', 100],
    ['0031-20-5551000, 100 nrs', '+31205551000', 100],
    ['0031205551000 + 10', '+31205551000', 10],
    ['020 555 1000; 5 nrs', '+31205551000', 5],
    ['020 555 1000, 100x', '+31205551000', 100],
    ['+31 6 1234 5678, 5 nummers', '+31612345678', 5],
    // first and last number
    ['020-5551000 t/m 020-5551099', '+31205551000', 100],
    ['020 555 1000 tm 020 555 1009', '+31205551000', 10],
    ['020 555 1000 tot en met 020 555 1009', '+31205551000', 10],
    ['020 555 1000 to 020 555 1009', '+31205551000', 10],
    ['020 555 1000 through 020 555 1009', '+31205551000', 10],
    ['020 555 1000 - 020 555 1009', '+31205551000', 10],
    ['020-5551000 – 020-5551009', '+31205551000', 10],
    ['+31 20 555 1000 t/m 020 555 1000', '+31205551000', 1],
    ['0800 9998 t/m 0800 9999', '+318009998', 2],
    // a block may cross a round number as long as the length stays
    ['020 555 9990, 20', '+31205559990', 20],
    // single numbers
    ['020 555 1000', '+31205551000', 1],
    ['0031 20 555 1000', '+31205551000', 1],
    // the largest block accepted
    ['020 555 1000, 10000 numbers', '+31205551000', maxRangeCount],
  ])('reads %j as %s and %i numbers', (input, first, count) => {
    expect(parseNumberRange(input)).toEqual({ ok: true, value: { first, count } })
  })

  it.each<[string, RangeError]>([
    ['', 'range.empty'],
    ['   ', 'range.empty'],
    ['hello', 'range.syntax'],
    ['abc, 5', 'number.invalid'],
    ['020 555 1000 t/m abc', 'number.invalid'],
    ['02055510', 'number.invalid'],
    ['020-5551000-020-5551099', 'number.invalid'],
    // outside the Dutch numbering plan, as a single number, the first or the last of a span
    ['+44 20 7946 0958', 'number.not_dutch'],
    ['+442079460958, 10', 'number.not_dutch'],
    ['020 555 1000 t/m +44 20 7946 0958', 'number.not_dutch'],
    // counts
    ['020 555 1000, 0', 'range.count'],
    ['020 555 1000, 10001 numbers', 'range.too_large'],
    ['020 555 1000 t/m 020 556 1000', 'range.too_large'],
    // reversed spans
    ['020-5551099 t/m 020-5551000', 'range.reversed'],
    ['085 888 8888 t/m 085 888 8887', 'range.reversed'],
    // first and last of different length
    ['0800 1234 t/m 0800 1234567', 'range.length_mismatch'],
    ['0800 1234 t/m 0800 12345', 'range.length_mismatch'],
    // a block whose last number leaves the numbering plan
    ['+31 20 999 9990, 20', 'number.invalid'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseNumberRange(input)).toEqual({ ok: false, error })
  })

  // libphonenumber alone would read "+31 20 555 1000, -5" as one number and drop the rest.
  it.each(['+31 20 555 1000, -5', '020 555 1000 x', '020 555 1000; abc'])('refuses trailing text after a number: %j', (input) => {
    expect(parseNumberRange(input)).toEqual({ ok: false, error: 'range.syntax' })
  })
})

describe('expandRange and offsetNumber', () => {
  it('lists every number of a block in order', () => {
    expect(expandRange({ first: '+31205551098', count: 4 })).toEqual(['+31205551098', '+31205551099', '+31205551100', '+31205551101'])
  })

  it('stops a block where the number would change length', () => {
    expect(offsetNumber('+9999999', 1)).toBeNull()
    expect(expandRange({ first: '+9999998', count: 5 })).toEqual(['+9999998', '+9999999'])
  })

  it('gives the digits of a number as an integer', () => {
    expect(e164Value('+31205551000')).toBe(31205551000)
  })

  it.each([
    [{ first: '+31205551000', count: 100 }, { first: '+31205551099', count: 1 }, true],
    [{ first: '+31205551000', count: 100 }, { first: '+31205551100', count: 10 }, false],
    [{ first: '+31205551090', count: 20 }, { first: '+31205551000', count: 100 }, true],
    [{ first: '+31205551000', count: 1 }, { first: '+31205551001', count: 1 }, false],
  ])('tells whether %j and %j overlap', (a, b, overlap) => {
    expect(rangesOverlap(a, b)).toBe(overlap)
  })
})

describe('formatNational', () => {
  it.each([
    ['+31205551000', '020 555 1000'],
    ['+31612345678', '06 12345678'],
    ['+31101234567', '010 123 4567'],
    ['+318001234', '0800 1234'],
    ['+31858888888', '085 888 8888'],
    ['+442079460958', '+44 20 7946 0958'],
    ['not a number', 'not a number'],
  ])('shows %s as %j', (e164, national) => {
    expect(formatNational(e164)).toBe(national)
  })
})

describe('collapseToRanges', () => {
  it.each([
    [[], []],
    [['+31205551000'], [{ first: '+31205551000', count: 1 }]],
    [
      ['+31205551002', '+31205551000', '+31205551001'],
      [{ first: '+31205551000', count: 3 }],
    ],
    [
      ['+31205551000', '+31205551001', '+31205551005', '+31205551009', '+31205551005'],
      [
        { first: '+31205551000', count: 2 },
        { first: '+31205551005', count: 1 },
        { first: '+31205551009', count: 1 },
      ],
    ],
    [
      ['+31205551099', '+31205551100'],
      [{ first: '+31205551099', count: 2 }],
    ],
    // numbers of different length never join one run, even when their integers are adjacent
    [
      ['+3120555100', '+31205551000', '+31205551001'],
      [
        { first: '+3120555100', count: 1 },
        { first: '+31205551000', count: 2 },
      ],
    ],
  ])('collapses %j into %j', (input, runs) => {
    expect(collapseToRanges(input)).toEqual(runs)
  })

  it('round-trips with expandRange', () => {
    const numbers = [...expandRange({ first: '+31205551000', count: 30 }), ...expandRange({ first: '+31205552000', count: 5 })]
    expect(collapseToRanges(numbers).flatMap(expandRange)).toEqual(numbers)
  })
})

describe('numberSearchPattern', () => {
  it.each([
    ['020 555 10', { kind: 'prefix', digits: '+312055510' }],
    ['020-555 1000', { kind: 'prefix', digits: '+31205551000' }],
    ['(020) 555-1000', { kind: 'prefix', digits: '+31205551000' }],
    ['+31 20', { kind: 'prefix', digits: '+3120' }],
    ['0031 20 555', { kind: 'prefix', digits: '+3120555' }],
    ['5551003', { kind: 'contains', digits: '5551003' }],
    ['555 10 03', { kind: 'contains', digits: '5551003' }],
    ['31205551000', { kind: 'contains', digits: '31205551000' }],
  ])('turns %j into %j', (query, pattern) => {
    expect(numberSearchPattern(query)).toEqual(pattern)
  })

  it.each(['', '   ', 'abc', '+', '-'])('has no pattern for %j', (query) => {
    expect(numberSearchPattern(query)).toBeNull()
  })
})
