import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  createTextDecoder,
  csvParseOptions,
  decodeHead,
  isValueLike,
  looksLikeHeader,
  previewRecords,
  sniffFormat,
  sniffHeadBytes,
  type FileFormat,
} from '#app/domain/imports/index.ts'

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`))
const utf8 = (text: string) => new TextEncoder().encode(text)
const bytes = (...values: number[]) => new Uint8Array(values)
const format = (overrides: Partial<FileFormat> = {}): FileFormat => ({ encoding: 'utf-8', bom: false, delimiter: ';', header: true, ...overrides })

describe('sniffFormat', () => {
  it.each([
    ['kpn-semicolon-1252.csv', { encoding: 'windows-1252', bom: false, delimiter: ';', header: true }],
    ['utf8-bom-comma.csv', { encoding: 'utf-8', bom: true, delimiter: ',', header: true }],
    ['quoted.csv', { encoding: 'utf-8', bom: false, delimiter: ',', header: true }],
    ['ranges.csv', { encoding: 'utf-8', bom: false, delimiter: ',', header: true }],
    ['invoice-nl.csv', { encoding: 'utf-8', bom: false, delimiter: ';', header: true }],
    ['bad-rows.csv', { encoding: 'utf-8', bom: false, delimiter: ';', header: true }],
  ])('reads %s as %j', (name, expected) => {
    expect(sniffFormat(fixture(name).subarray(0, sniffHeadBytes))).toEqual(expected)
  })

  it('takes bytes that are not UTF-8 for Windows-1252', () => {
    expect(sniffFormat(bytes(0x42, 0x65, 0xeb, 0x69, 0x6e, 0x64, 0x3b, 0x41, 0x0a)).encoding).toBe('windows-1252')
  })

  it('takes a lone continuation byte at the end for Windows-1252, not for a cut-off character', () => {
    // 0x92 is the typographic apostrophe of Windows-1252; in UTF-8 it cannot follow an ASCII letter.
    expect(sniffFormat(bytes(0x41, 0x3b, 0x42, 0x92)).encoding).toBe('windows-1252')
  })

  it('takes plain ASCII for UTF-8', () => {
    expect(sniffFormat(utf8('Nummer;Status\n0205551000;Actief\n'))).toEqual(format({ encoding: 'utf-8', delimiter: ';', header: true }))
  })

  it.each([
    ['a two-byte character', 'Beëindigd', 1],
    ['a three-byte character, one byte in', 'Maandbedrag €', 2],
    ['a three-byte character, two bytes in', 'Maandbedrag €', 1],
    ['a four-byte character', 'Lift 🛗', 1],
  ])('still sees UTF-8 when the head ends inside %s', (_, text, cut) => {
    const whole = utf8(`Nummer;Omschrijving\n0205551000;${text}`)
    const head = whole.subarray(0, whole.length - cut)
    expect(sniffFormat(head).encoding).toBe('utf-8')
  })

  it.each([
    ['tab', 'Nummer\tAansluiting\tStatus\n0205551000\tISDN30-0001\tActief\n0205551001\tISDN30-0001\tActief\n', '\t'],
    ['comma, with semicolons only inside quotes', 'Number,Description\n0205551000,"a; b; c"\n0205551001,"d; e; f"\n', ','],
    ['semicolon, with decimal commas in every data row', 'Nummer;Bedrag\n0205551000;12,50\n0205551001;3,75\n', ';'],
    ['semicolon on a tie with the comma', '0205551000;1,50\n0205551001;2,50\n', ';'],
    ['comma, with an inch mark in an unquoted cell', 'Item,Size\nRack,"19"" wide"\nPanel,19" wide\n', ','],
    ['comma, with CRLF line ends', 'Number,Status\r\n0205551000,Active\r\n0205551001,Active\r\n', ','],
    ['semicolon when nothing splits the lines', 'Nummer\n0205551000\n0205551001\n', ';'],
  ])('chooses the delimiter of a %s file', (_, text, delimiter) => {
    expect(sniffFormat(utf8(text)).delimiter).toBe(delimiter)
  })

  it('ignores a last line cut off by the end of the head when choosing the delimiter', () => {
    // Complete lines: four split by the comma, three by the semicolon. The cut-off last line would
    // give the semicolon a fourth and, on the tie, the win.
    const head = 'Number,Description\n0205551000,a;b\n0205551001,c;d\n0205551002,e;f\n0205551003;x'
    expect(sniffFormat(utf8(head)).delimiter).toBe(',')
  })

  it.each([
    ['numbers in both of the first two records', '0205551000;ISDN30-0001\n0205551001;ISDN30-0001\n', false],
    ['a number in the only record', '0205551000;ISDN30-0001\n', false],
    ['an amount in the first two records', 'Abonnement;12,50\nKorting;-3,00\n', false],
    ['names in the first record and a number in the second', 'Nummer;Aansluiting\n0205551000;ISDN30-0001\n', true],
    ['names in the first two records (no way to tell, so the default)', 'Nummer;Aansluiting\nNummer;Aansluiting\n', true],
    ['a number in the first record but none in the second (odd, so the default)', '0205551000;x\nNummer;Aansluiting\n', true],
  ])('sees a header or not: %s', (_, text, header) => {
    expect(sniffFormat(utf8(text)).header).toBe(header)
  })

  it('reads an empty head as the defaults', () => {
    expect(sniffFormat(new Uint8Array(0))).toEqual(format())
  })
})

describe('isValueLike and looksLikeHeader', () => {
  it.each(['020-5551000', '+31 20 555 1000', '(020) 5551000', '100', '12,50', '-€ 3,00', '(50,00)', '0031205551000'])(
    '%j reads as a value',
    (cell) => {
      expect(isValueLike(cell)).toBe(true)
    },
  )

  it.each(['Nummer', 'Tel.nr.', 'Bedrag (€)', 'ISDN30-0001', '', 'Van', 'Nummer 1'])('%j reads as a name', (cell) => {
    expect(isValueLike(cell)).toBe(false)
  })

  it('takes a file without records for one with a header', () => {
    expect(looksLikeHeader(undefined, undefined)).toBe(true)
  })
})

describe('decodeHead and createTextDecoder', () => {
  it('decodes the Windows-1252 fixture with its ë and its € (0x80)', () => {
    const text = decodeHead(fixture('kpn-semicolon-1252.csv'), format({ encoding: 'windows-1252' }))
    expect(text).toContain('Beëindigd')
    expect(text.split('\r\n')[0]).toBe('Aansluiting;Telefoonnummer;Status;Omschrijving;Maandbedrag (€)')
  })

  it('decodes every Windows-1252 byte from 0x80 to 0x9F to its character, whatever the platform decoder does', () => {
    const high = Array.from({ length: 32 }, (_, i) => 0x80 + i)
    const text = createTextDecoder(format({ encoding: 'windows-1252' })).decode(new Uint8Array(high))
    expect(text).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ')
  })

  it('decodes Latin-1 letters of Windows-1252 as themselves', () => {
    expect(createTextDecoder(format({ encoding: 'windows-1252' })).decode(bytes(0x43, 0x61, 0x66, 0xe9, 0x20, 0xeb, 0xfc))).toBe('Café ëü')
  })

  it('drops the byte order mark', () => {
    const text = decodeHead(fixture('utf8-bom-comma.csv'), format({ encoding: 'utf-8', bom: true, delimiter: ',' }))
    expect(text.startsWith('Phone Number,')).toBe(true)
    expect(text).toContain('Café De Schakel')
  })

  it('drops a character cut off by the end of the head instead of showing a replacement character', () => {
    const whole = utf8('Omschrijving\nMaandbedrag €')
    expect(decodeHead(whole.subarray(0, whole.length - 1), format())).toBe('Omschrijving\nMaandbedrag ')
    expect(decodeHead(whole.subarray(0, whole.length - 2), format())).toBe('Omschrijving\nMaandbedrag ')
    expect(decodeHead(whole, format())).toBe('Omschrijving\nMaandbedrag €')
  })

  it('decodes UTF-8 split across chunks when streamed', () => {
    const whole = utf8('\uFEFFNummer;Omschrijving\n0205551000;Beëindigd €\n')
    const decoder = createTextDecoder(format({ bom: true }))
    let text = ''
    for (let i = 0; i < whole.length; i += 5) text += decoder.decode(whole.subarray(i, i + 5), { stream: true })
    text += decoder.decode()
    expect(text).toBe('Nummer;Omschrijving\n0205551000;Beëindigd €\n')
  })
})

describe('previewRecords', () => {
  const quoted = () => decodeHead(fixture('quoted.csv'), format({ delimiter: ',' }))

  it('reads quoted cells with commas, semicolons, doubled quotes and a line break in quoted.csv', () => {
    expect(previewRecords(quoted(), format({ delimiter: ',' }))).toEqual([
      ['Number', 'Service', 'Amount', 'Description'],
      ['020-5551000', 'ISDN30-0001', '1,234.56', 'Monthly fee, ISDN30 trunk; 30 channels'],
      ['020-5551001', 'ISDN30-0001', '12.50', 'Extra DDI "reception"'],
      ['020 555 1002', 'ISDN30-0001', '(3.00)', 'Credit: line\nunavailable for 2 days'],
      ['', 'SIP-4411', '45.00', 'Trunk, "SIP" access; per month'],
      ['+31 20 555 1003', '', '€ 7.25', 'Calls'],
    ])
  })

  it('stops after max records', () => {
    expect(previewRecords(quoted(), format({ delimiter: ',' }), 2)).toEqual([
      ['Number', 'Service', 'Amount', 'Description'],
      ['020-5551000', 'ISDN30-0001', '1,234.56', 'Monthly fee, ISDN30 trunk; 30 channels'],
    ])
  })

  it('leaves out a last record cut off inside a quoted cell', () => {
    const text = 'Nummer;Omschrijving\n0205551000;Receptie\n0205551001;"Lift, kooi'
    expect(previewRecords(text, format())).toEqual([
      ['Nummer', 'Omschrijving'],
      ['0205551000', 'Receptie'],
    ])
  })

  it('skips blank lines and trims cells', () => {
    expect(previewRecords('Nummer ; Status\n\n  0205551000 ;  Actief \n', format())).toEqual([
      ['Nummer', 'Status'],
      ['0205551000', 'Actief'],
    ])
  })

  it('reads records of different lengths', () => {
    expect(previewRecords('a;b;c\n1\n1;2;3;4\n', format())).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']])
  })
})

describe('csvParseOptions', () => {
  it('gives csv-parse the delimiter and the lenient reading the preview uses', () => {
    expect(csvParseOptions(format({ delimiter: '\t' }))).toEqual({
      delimiter: '\t',
      quote: '"',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      bom: false,
    })
  })
})
