import { Form, Link } from 'react-router'
import { criticalUses, isDataKind, serviceKinds } from '#app/domain/enums.ts'
import { Field, FormErrors, SubmitButton, valueOf, type FormFailureLike } from './form.tsx'
import { useT } from './i18n.tsx'

export interface ServiceFormValues {
  contractId: string
  kind: (typeof serviceKinds)[number]
  carrierRef: string
  mainNumber: string | null
  dedicatedTenantId: string | null
  criticalUse: (typeof criticalUses)[number] | null
}

interface ServiceFormProps {
  failure: FormFailureLike | undefined
  /** Null for a new service: it has no numbers yet, so no main number either. */
  service: ServiceFormValues | null
  contracts: readonly { id: string; carrierName: string; contractNumber: string }[]
  tenants: readonly { id: string; legalName: string; moveOut: string | null }[]
  /** The service's numbers: all of them as choices, or only the count when there are too many to list. */
  numbers: { count: number; choices: readonly string[] | null }
  cancelTo: string
}

/** The form of a service (a line or access under a master contract); works without JavaScript. */
export function ServiceForm({ failure, service, contracts, tenants, numbers, cancelTo }: ServiceFormProps) {
  const t = useT()
  return (
    <Form method="post" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <FormErrors failure={failure} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t.t('service.contract')} name="contractId" failure={failure} required>
          {(props) => (
            <select {...props} required defaultValue={valueOf(failure, 'contractId', service?.contractId ?? (contracts.length === 1 ? contracts[0]?.id : ''))}>
              <option value="">{t.t('service.chooseContract')}</option>
              {contracts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.carrierName} · {c.contractNumber}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.t('service.kind')} name="kind" failure={failure} required>
          {(props) => (
            <select {...props} required defaultValue={valueOf(failure, 'kind', service?.kind ?? 'isdn30')}>
              {serviceKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t.t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t.t('service.carrierRef')}
          name="carrierRef"
          failure={failure}
          defaultValue={service?.carrierRef}
          hint={t.t('service.carrierRefHint')}
          required
          autoComplete="off"
        />
        {service ? <MainNumberField failure={failure} current={service.mainNumber} numbers={numbers} dataKind={isDataKind(service.kind)} /> : null}
        <Field label={t.t('service.dedicated')} name="dedicatedTenantId" failure={failure}>
          {(props) => (
            <select {...props} defaultValue={valueOf(failure, 'dedicatedTenantId', service?.dedicatedTenantId)}>
              <option value="">{t.t('service.dedicatedNone')}</option>
              {tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {tenant.legalName}
                  {tenant.moveOut ? ` (${t.t('tenant.movedOut')} ${t.date(tenant.moveOut)})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.t('service.critical')} name="criticalUse" failure={failure}>
          {(props) => (
            <select {...props} defaultValue={valueOf(failure, 'criticalUse', service?.criticalUse)}>
              <option value="">{t.t('service.criticalNone')}</option>
              {criticalUses.map((use) => (
                <option key={use} value={use}>
                  {t.t(`critical.${use}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
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

/** The main number: one of the service's own numbers, picked from a list, or typed when there are many. */
function MainNumberField({
  failure,
  current,
  numbers,
  dataKind,
}: {
  failure: FormFailureLike | undefined
  current: string | null
  numbers: ServiceFormProps['numbers']
  dataKind: boolean
}) {
  const t = useT()
  const label = t.t('service.mainNumber')
  if (numbers.count === 0) {
    return (
      <Field label={label} name="mainNumber" failure={failure} hint={t.t(dataKind ? 'service.dataNoMainNumber' : 'service.mainNumberLater')}>
        {(props) => (
          <select {...props} disabled defaultValue="">
            <option value="">{t.t('service.mainNumberNone')}</option>
          </select>
        )}
      </Field>
    )
  }
  if (numbers.choices === null) {
    return (
      <Field
        label={label}
        name="mainNumber"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        failure={failure}
        defaultValue={current ? t.phone(current) : ''}
        hint={t.t('service.mainNumberTyped', { count: numbers.count })}
      />
    )
  }
  return (
    <Field label={label} name="mainNumber" failure={failure} hint={t.t('service.mainNumberHint')}>
      {(props) => (
        <select {...props} defaultValue={valueOf(failure, 'mainNumber', current)}>
          <option value="">{t.t('service.mainNumberNone')}</option>
          {numbers.choices?.map((e164) => (
            <option key={e164} value={e164}>
              {t.phone(e164)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
