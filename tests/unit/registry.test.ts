import { describe, expect, it } from 'vitest'
import { normalizeKvk, normalizePostcode } from '#app/domain/registry.ts'

describe('normalizePostcode', () => {
  it.each([
    ['1234 AB', '1234 AB'],
    ['1234ab', '1234 AB'],
    ['1234 ab', '1234 AB'],
    ['  1015aa  ', '1015 AA'],
    ['9999 ZZ', '9999 ZZ'],
    ['1000  aB', '1000 AB'],
  ])('writes %j as %j', (input, expected) => {
    expect(normalizePostcode(input)).toBe(expected)
  })

  it.each([
    ['0123 AB', 'a postcode never starts with 0'],
    ['123 AB', 'three digits'],
    ['12345 AB', 'five digits'],
    ['1234 A', 'one letter'],
    ['1234 ABC', 'three letters'],
    ['1234 SA', 'SA is not issued'],
    ['1234 sd', 'SD is not issued'],
    ['1234 SS', 'SS is not issued'],
    ['AB 1234', 'letters first'],
    ['1234-AB', 'a dash'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizePostcode(input)).toBeNull()
  })
})

describe('normalizeKvk', () => {
  it.each([
    ['12345678', '12345678'],
    ['1234 5678', '12345678'],
    ['12.34.56.78', '12345678'],
    [' 01234567 ', '01234567'],
  ])('writes %j as %j', (input, expected) => {
    expect(normalizeKvk(input)).toBe(expected)
  })

  it.each([
    ['1234567', 'seven digits'],
    ['123456789', 'nine digits'],
    ['1234567a', 'a letter'],
    ['1234-5678', 'a dash'],
    ['', 'nothing'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizeKvk(input)).toBeNull()
  })
})
