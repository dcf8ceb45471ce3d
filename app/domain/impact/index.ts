export * from './types.ts'
export { chooseBest, computeImpact, indexInventory, summarize, verdictOf } from './engine.ts'
export { redactReport, tenantAliases, type Viewer } from './view.ts'
