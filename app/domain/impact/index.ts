export * from './types.ts'
export { chooseBest, computeImpact, indexInventory, isLive, summarize, verdictOf } from './engine.ts'
export { redactReport, tenantAliases, type Viewer } from './view.ts'
