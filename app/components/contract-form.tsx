import { useId } from 'react'
import { Form, Link } from 'react-router'
import { centsToInput } from '#app/domain/money.ts'
import { Field, FormErrors, SubmitButton, valueOf, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'

export interface ContractFormValues {
  carrierName: string
  contractNumber: string
  holderTenantId: string | null
  signedByContactId: string | null
  startDate: string
  initialTermMonths: number
  renewalTermMonths: number
  noticeDays: number
  monthlyFeeCents: number
  earlyTerminationPct: number
}

interface ContractFormProps {
  failure: FormFailureLike | undefined
  contract: ContractFormValues | null
  carrierNames: readonly string[]
  tenants: readonly { id: string; legalName: string; moveOut: string | null }[]
  contacts: readonly { id: string; name: string; tenantId: string | null; tenantName: string | null }[]
  cancelTo: string
}

/** The master contract form, for new and existing contracts; works without JavaScript. */
export function ContractForm({ failure, contract, carrierNames, tenants, contacts, cancelTo }: ContractFormProps) {
  const t = useT()
  const carrierListId = useId()
  const value = (name: string, stored: string | number | null | undefined) => valueOf(failure, name, stored == null ? stored : String(stored))
  const contactGroups = groupContacts(contacts)
  return (
    <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <FormErrors failure={failure} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t.t('contract.carrier')} name="carrier" failure={failure} hint={t.t('contract.carrierHint')} required>
          {(props) => (
            <>
              <input {...props} type="text" required autoComplete="off" list={carrierListId} defaultValue={value('carrier', contract?.carrierName)} />
              <datalist id={carrierListId}>
                {carrierNames.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t.t('contract.number')} name="contractNumber" failure={failure} defaultValue={contract?.contractNumber} required autoComplete="off" />
        <Field label={t.t('contract.holder')} name="holderTenantId" failure={failure} hint={t.t('contract.holderHint')}>
          {(props) => (
            <select {...props} defaultValue={value('holderTenantId', contract?.holderTenantId)}>
              <option value="">{t.t('contract.holderBuilding')}</option>
              {tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {tenant.legalName}
                  {tenant.moveOut ? ` (${t.t('tenant.movedOut')} ${t.date(tenant.moveOut)})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.t('contract.signedBy')} name="signedByContactId" failure={failure}>
          {(props) => (
            <select {...props} defaultValue={value('signedByContactId', contract?.signedByContactId)}>
              <option value="">{t.t('contract.signedByNone')}</option>
              {contactGroups.map((group) => (
                <optgroup key={group.key} label={group.tenantName ?? t.t('contract.buildingContacts')}>
                  {group.contacts.map((contact) => (
                    <option key={contact.id} value={contact.id}>
                      {contact.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.t('contract.startDate')} name="startDate" type="date" failure={failure} defaultValue={contract?.startDate} required />
        <Field label={t.t('contract.monthlyFee')} name="monthlyFee" failure={failure} hint={t.t('contract.feeHint')} required>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="decimal"
              required
              autoComplete="off"
              defaultValue={valueOf(failure, 'monthlyFee', contract ? centsToInput(contract.monthlyFeeCents, t.locale) : '')}
            />
          )}
        </Field>
        <WholeNumberField label={t.t('contract.initialTermMonths')} name="initialTermMonths" min={1} max={240} value={value('initialTermMonths', contract?.initialTermMonths)} failure={failure} required />
        <WholeNumberField
          label={t.t('contract.renewalTermMonths')}
          name="renewalTermMonths"
          min={0}
          max={120}
          value={value('renewalTermMonths', contract?.renewalTermMonths ?? 0)}
          failure={failure}
          hint={t.t('contract.renewalHint')}
          required
        />
        <WholeNumberField label={t.t('contract.noticeDays')} name="noticeDays" min={0} max={730} value={value('noticeDays', contract?.noticeDays)} failure={failure} required />
        <WholeNumberField
          label={t.t('contract.earlyTerminationPct')}
          name="earlyTerminationPct"
          min={0}
          max={100}
          value={value('earlyTerminationPct', contract?.earlyTerminationPct ?? 100)}
          failure={failure}
          hint={t.t('contract.etfHint')}
        />
      </div>
      <div className="flex gap-2">
        <SubmitButton>{t.t('action.save')}</SubmitButton>
        <Link to={cancelTo} className="inline-flex items-center rounded px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
          {t.t('action.cancel')}
        </Link>
      </div>
    </Form>
  )
}

function WholeNumberField({
  label,
  name,
  min,
  max,
  value,
  failure,
  hint,
  required,
}: {
  label: string
  name: string
  min: number
  max: number
  value: string
  failure: FormFailureLike | undefined
  hint?: string
  required?: boolean
}) {
  return (
    <Field label={label} name={name} failure={failure} required={required} {...(hint ? { hint } : {})}>
      {(props) => <input {...props} type="number" inputMode="numeric" min={min} max={max} step={1} required={required} defaultValue={value} />}
    </Field>
  )
}

/** The building's own contacts first, then each tenant's. */
function groupContacts(contacts: ContractFormProps['contacts']) {
  const groups = new Map<string, { key: string; tenantName: string | null; contacts: { id: string; name: string }[] }>()
  for (const c of contacts) {
    const key = c.tenantId ?? ''
    let group = groups.get(key)
    if (!group) {
      group = { key, tenantName: c.tenantId ? (c.tenantName ?? '') : null, contacts: [] }
      groups.set(key, group)
    }
    group.contacts.push({ id: c.id, name: c.name })
  }
  return [...groups.values()].sort((a, b) => (a.tenantName === null ? -1 : b.tenantName === null ? 1 : a.tenantName.localeCompare(b.tenantName)))
}

export interface ContractTimelineLike {
  initialTermEnd: string
  inInitialTerm: boolean
  effectiveNoticeDays: number
  noticeDeadline: string | null
  earliestEnd: string
}

/** Where the contract stands today: end of the initial term, the notice deadline, the earliest end. */
export function ContractTimelineSummary({ timeline }: { timeline: ContractTimelineLike }) {
  const t = useT()
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="contract-timeline">
      <h2 id="contract-timeline" className="mb-2 font-semibold text-slate-900">
        {t.t('contract.timeline')}
      </h2>
      <p className="mb-2 text-slate-700">
        {timeline.inInitialTerm ? t.t('contract.inInitialTerm') : t.t('contract.afterRenewal', { days: timeline.effectiveNoticeDays })}
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">{t.t('contract.initialTermEnd')}</dt>
        <dd className="tabular-nums">{t.date(timeline.initialTermEnd)}</dd>
        {timeline.noticeDeadline ? (
          <>
            <dt className="text-slate-600">{t.t('contract.noticeDeadline')}</dt>
            <dd className="tabular-nums">{t.date(timeline.noticeDeadline)}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t.t('contract.earliestEnd')}</dt>
        <dd className="tabular-nums">{t.date(timeline.earliestEnd)}</dd>
      </dl>
    </section>
  )
}
