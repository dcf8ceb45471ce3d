// The reconciliation of inventory and invoice: the kinds of difference a facility manager must sort
// out before a migration drags them along, and what may be done about each. Pure.

/**
 * - activeUnbilled: active, held by nobody present (no holder, or one that moved out) and billed to nobody:
 *   the stale "active" number.
 * - billedNotInInventory: on the invoice, but not a live number of the building (unknown, ported out, disconnected).
 * - billedMovedOutTenant: billed and still held by a tenant that has moved out.
 * - allocatedUnbilled: held by a present tenant, active, but not on the invoice.
 * - unallocatedBilled: billed, active, held by nobody: someone pays for a number nobody uses.
 * - servicesBilledNoNumbers: an invoice line for a voice service with no live numbers, or for a service the
 *   building does not know (data services carry no numbers and are not listed).
 */
export const reconciliationCategories = [
  'activeUnbilled',
  'billedNotInInventory',
  'billedMovedOutTenant',
  'allocatedUnbilled',
  'unallocatedBilled',
  'servicesBilledNoNumbers',
] as const
export type ReconciliationCategory = (typeof reconciliationCategories)[number]

export const reconciliationActions = ['allocate', 'release', 'flag'] as const
export type ReconciliationAction = (typeof reconciliationActions)[number]

/** What may be done per category: allocate to a tenant, mark released, or flag for the carrier. */
export const actionsByCategory: Record<ReconciliationCategory, readonly ReconciliationAction[]> = {
  activeUnbilled: ['allocate', 'release', 'flag'],
  billedNotInInventory: ['flag'],
  billedMovedOutTenant: ['release', 'flag'],
  allocatedUnbilled: ['release', 'flag'],
  unallocatedBilled: ['allocate', 'release', 'flag'],
  servicesBilledNoNumbers: ['flag'],
}

export function allows(category: ReconciliationCategory, action: ReconciliationAction): boolean {
  return actionsByCategory[category].includes(action)
}

/** Categories that need an applied invoice to say anything. */
export function needsInvoice(category: ReconciliationCategory): boolean {
  return category === 'billedNotInInventory' || category === 'servicesBilledNoNumbers'
}
