export * from './enums.ts'
export * from './buildings.ts'
export * from './tenants.ts'
export * from './contracts.ts'
export * from './services.ts'
export * from './numbers.ts'
export * from './auth.ts'
export * from './audit.ts'

