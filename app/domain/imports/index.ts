// Carrier files: the contract (types), how to read the bytes (format), which column feeds which field
// (columns) and what one record means (rows).
export * from './types.ts'
export * from './format.ts'
export * from './columns.ts'
export * from './rows.ts'
