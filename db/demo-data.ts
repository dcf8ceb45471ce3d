// The demo building and the synthetic large building. Names, KvK numbers and phone numbers are invented.
import { offsetNumber } from '#app/domain/numbers/index.ts'
import type { InventoryData } from './inventory-data.ts'

const trades = ['Bakkerij', 'Advocatenkantoor', 'Architectenbureau', 'Fysiotherapie', 'Administratiekantoor', 'Reclamebureau', 'Installatiebedrijf', 'Tandartspraktijk', 'Uitzendbureau', 'Drukkerij', 'Adviesgroep', 'Softwarehuis', 'Makelaardij', 'Vertaalbureau', 'Cateringbedrijf', 'Schoonmaakdienst', 'Fotostudio', 'Notariskantoor', 'Ingenieursbureau', 'Coachingpraktijk']
const surnames = ['Van Dijk', 'De Vries', 'Bakker', 'Jansen', 'Visser', 'Smit', 'Meijer', 'De Boer', 'Mulder', 'De Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Van Leeuwen', 'Dekker', 'Brouwer', 'De Wit', 'Dijkstra', 'Smits', 'De Graaf', 'Van der Meer', 'Van der Linden', 'Kok', 'Jacobs', 'De Haan', 'Vermeulen', 'Van den Berg', 'Van der Heijden', 'Schouten', 'Van Beek', 'Willems', 'Van Vliet', 'Van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'Van Dam', 'Prins']
const forms = ['B.V.', 'V.O.F.', 'B.V.', 'Holding B.V.', 'C.V.']
const firstNames = ['Anna', 'Bram', 'Chantal', 'Daan', 'Eva', 'Femke', 'Gijs', 'Hanna', 'Iris', 'Joost', 'Kim', 'Lars', 'Marloes', 'Niels', 'Olga', 'Pieter', 'Quirine', 'Ruben', 'Sanne', 'Thijs']

/** Small deterministic PRNG so generated buildings are the same every run. */
export function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function tenantName(i: number): string {
  const trade = trades[i % trades.length]!
  const surname = surnames[(i * 7) % surnames.length]!
  const form = forms[i % forms.length]!
  return `${trade} ${surname}${i >= 40 ? ` ${Math.floor(i / 40) + 1}` : ''} ${form}`
}

function slug(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').slice(0, 30).replace(/^-|-$/g, '')
}

function makeTenants(n: number, moveIn: (i: number) => string): InventoryData['tenants'] {
  return Array.from({ length: n }, (_, i) => ({
    key: `t${i + 1}`,
    legalName: tenantName(i),
    kvkNumber: String(30_000_000 + i * 7_919 + 1_234).padStart(8, '0'),
    unit: `${1 + Math.floor(i / 10)}.${String((i % 10) + 1).padStart(2, '0')}`,
    moveIn: moveIn(i),
  }))
}

function contactsFor(tenants: { key: string; legalName: string }[]) {
  return tenants.flatMap((t, i) => {
    const first = firstNames[i % firstNames.length]!
    const domain = `${slug(t.legalName)}.example`
    const primary = {
      key: `${t.key}-c1`,
      tenantKey: t.key,
      name: `${first} ${surnames[(i * 7) % surnames.length]}`,
      email: `${first.toLowerCase()}@${domain}`,
      phone: offsetNumber('+31612340000', i) ?? undefined,
      roles: ['primary', 'authorized_signatory'] as ('primary' | 'authorized_signatory' | 'technical')[],
      locale: (i % 6 === 5 ? 'en' : 'nl') as 'nl' | 'en',
    }
    const tech = { key: `${t.key}-c2`, tenantKey: t.key, name: `IT ${t.legalName}`, email: `it@${domain}`, roles: ['technical'] as 'technical'[], locale: 'nl' as const }
    return i % 3 === 0 ? [primary, tech] : [primary]
  })
}

/**
 * The demo: one KPN master contract for 40 tenants; an ISDN30 trunk whose 100-number block is shared
 * by many tenants; PSTN lines carrying the lift alarm, the fire-alarm transmission and the door intercom;
 * a SIP trunk with per-tenant numbers; fibre dedicated to a few tenants; unallocated and unbilled numbers;
 * one tenant that moved out but still holds numbers.
 */
export function demoBuilding(): InventoryData {
  const tenants = makeTenants(40, (i) => `20${15 + (i % 10)}-${String((i % 12) + 1).padStart(2, '0')}-01`)
  tenants[25] = { ...tenants[25]!, moveOut: '2026-06-30' }
  const isdnHolders = Array.from({ length: 25 }, (_, i) => ({ offset: 1 + i * 3, count: 3, tenantKey: `t${i + 1}` }))
  isdnHolders.push({ offset: 90, count: 3, tenantKey: 't26' })
  const sipHolders = Array.from({ length: 14 }, (_, i) => ({ offset: i * 5, count: 5, tenantKey: `t${27 + i}` }))
  return {
    building: { name: 'Bedrijvencentrum De Schakel', street: 'Schakelstraat 12', postcode: '1014 BW', city: 'Amsterdam' },
    tenants,
    contacts: [
      { key: 'fm', tenantKey: null, name: 'Femke de Vries', email: 'beheer@deschakel.example', phone: '+31205550999', roles: ['primary', 'authorized_signatory', 'billing'], locale: 'nl' },
      { key: 'tech', tenantKey: null, name: 'Storingsdienst De Schakel', email: 'techniek@deschakel.example', roles: ['technical'], locale: 'nl' },
      ...contactsFor(tenants),
    ],
    contracts: [
      {
        key: 'kpn',
        carrier: 'KPN',
        contractNumber: 'KPN-MC-2024-004711',
        holderTenantKey: null,
        signedByContactKey: 'fm',
        startDate: '2024-06-01',
        initialTermMonths: 36,
        renewalTermMonths: 12,
        noticeDays: 60,
        monthlyFeeCents: 184_500,
        earlyTerminationPct: 100,
      },
    ],
    services: [
      { key: 'isdn30', contractKey: 'kpn', kind: 'isdn30', carrierRef: 'KPN-ISDN30-0200451', mainNumber: '+31205551000' },
      { key: 'pstn-lift', contractKey: 'kpn', kind: 'pstn', carrierRef: 'KPN-WLR-0207711', mainNumber: '+31205552000', criticalUse: 'lift_alarm' },
      { key: 'pstn-fire', contractKey: 'kpn', kind: 'pstn', carrierRef: 'KPN-WLR-0207712', mainNumber: '+31205552001', criticalUse: 'fire_alarm' },
      { key: 'pstn-door', contractKey: 'kpn', kind: 'pstn', carrierRef: 'KPN-WLR-0207713', mainNumber: '+31205552002', criticalUse: 'intercom' },
      { key: 'sip', contractKey: 'kpn', kind: 'sip_trunk', carrierRef: 'KPN-SIP-88120' },
      { key: 'fiber-1', contractKey: 'kpn', kind: 'fiber', carrierRef: 'KPN-FTTO-551201', dedicatedTenantKey: 't3' },
      { key: 'fiber-2', contractKey: 'kpn', kind: 'fiber', carrierRef: 'KPN-FTTO-551202', dedicatedTenantKey: 't12' },
      { key: 'fiber-3', contractKey: 'kpn', kind: 'fiber', carrierRef: 'KPN-FTTO-551203', dedicatedTenantKey: 't30' },
      { key: 'eth-1', contractKey: 'kpn', kind: 'ethernet', carrierRef: 'KPN-EVPN-77310', dedicatedTenantKey: 't7' },
    ],
    ranges: [
      { serviceKey: 'isdn30', first: '+31205551000', count: 1, use: 'common' },
      { serviceKey: 'isdn30', first: '+31205551001', count: 99, holders: isdnHolders.map((h) => ({ ...h, offset: h.offset - 1 })), unbilledOffsets: [79, 80, 81, 82, 83] },
      { serviceKey: 'pstn-lift', first: '+31205552000', count: 1, use: 'lift_alarm' },
      { serviceKey: 'pstn-fire', first: '+31205552001', count: 1, use: 'fire_alarm' },
      { serviceKey: 'pstn-door', first: '+31205552002', count: 1, use: 'intercom' },
      { serviceKey: 'sip', first: '+31207001000', count: 80, holders: sipHolders, unbilledOffsets: [75, 76] },
    ],
    users: [
      { email: 'fm@demo.example', name: 'Femke de Vries', role: 'facility_manager', manages: true },
      { email: 'tenant@demo.example', name: 'Anna van Dijk', role: 'tenant', tenantKey: 't1' },
      { email: 'tenant2@demo.example', name: 'Gijs Hendriks', role: 'tenant', tenantKey: 't27' },
      // The bakery (t1) is the sales user's prospect: the demo shows a sales preview with everyone else anonymised.
      { email: 'sales@demo.example', name: 'Sam Verkoop', role: 'sales', sharedWith: true, prospectTenantKey: 't1' },
    ],
  }
}

/**
 * A synthetic building for benchmarks: `tenants` companies and about `numbers` numbers, spread over
 * ISDN30 trunks (blocks of 100) and SIP trunks, mostly allocated, some unallocated and unbilled.
 */
export function largeBuilding(opts: { tenants: number; numbers: number; seed?: number; name?: string }): InventoryData {
  const random = mulberry32(opts.seed ?? 42)
  const tenants = makeTenants(opts.tenants, (i) => `20${10 + (i % 15)}-01-01`)
  const services: InventoryData['services'] = []
  const ranges: InventoryData['ranges'] = []
  const perService = 1_000
  const serviceCount = Math.max(1, Math.ceil(opts.numbers / perService))
  let remaining = opts.numbers
  let nextTenant = 0
  for (let s = 0; s < serviceCount; s++) {
    const isdn = s % 2 === 0
    const key = `svc${s}`
    const first = offsetNumber('+31201000000', s * 10_000)!
    services.push({ key, contractKey: 'main', kind: isdn ? 'isdn30' : 'sip_trunk', carrierRef: `GEN-${isdn ? 'ISDN30' : 'SIP'}-${String(s).padStart(4, '0')}`, mainNumber: first })
    const count = Math.min(perService, remaining)
    remaining -= count
    const holders: { offset: number; count: number; tenantKey: string }[] = []
    const unbilledOffsets: number[] = []
    let offset = 1
    while (offset < count) {
      const size = Math.min(count - offset, 2 + Math.floor(random() * 40))
      if (random() > 0.06) holders.push({ offset, count: size, tenantKey: `t${(nextTenant++ % opts.tenants) + 1}` })
      else for (let i = 0; i < Math.min(size, 3); i++) unbilledOffsets.push(offset + i)
      offset += size
    }
    ranges.push({ serviceKey: key, first, count, holders, unbilledOffsets })
  }
  services.push({ key: 'lift', contractKey: 'main', kind: 'pstn', carrierRef: 'GEN-WLR-LIFT', criticalUse: 'lift_alarm' })
  ranges.push({ serviceKey: 'lift', first: '+31209999000', count: 1, use: 'lift_alarm' })
  return {
    building: { name: opts.name ?? `Generated building (${opts.tenants} tenants, ${opts.numbers} numbers)`, street: 'Benchmarkweg 1', postcode: '3511 AA', city: 'Utrecht' },
    tenants,
    contacts: contactsFor(tenants),
    contracts: [{ key: 'main', carrier: 'KPN', contractNumber: `GEN-${opts.tenants}-${opts.numbers}-${opts.seed ?? 42}`, holderTenantKey: null, signedByContactKey: null, startDate: '2025-01-01', initialTermMonths: 36, renewalTermMonths: 12, noticeDays: 60, monthlyFeeCents: 1_250_000, earlyTerminationPct: 100 }],
    services,
    ranges,
    users: [],
  }
}
