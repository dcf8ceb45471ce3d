import { isCriticalUse, type NumberStatus, type NumberUse } from '#app/domain/enums.ts'
import { useT } from './i18n.tsx'
import { Badge } from './ui.tsx'

const statusTone = {
  active: 'ok',
  porting_out: 'warn',
  ported_out: 'neutral',
  disconnected: 'danger',
} as const satisfies Record<NumberStatus, Parameters<typeof Badge>[0]['tone']>

export function NumberStatusBadge({ status }: { status: NumberStatus }) {
  const t = useT()
  return <Badge tone={statusTone[status]}>{t.t(`numbers.status.${status}`)}</Badge>
}

/** Safety-critical uses stand out; ordinary tenant use stays quiet. */
export function NumberUseBadge({ use }: { use: NumberUse }) {
  const t = useT()
  const tone = isCriticalUse(use) ? 'danger' : use === 'common' ? 'info' : 'neutral'
  return <Badge tone={tone}>{t.t(`numbers.use.${use}`)}</Badge>
}

export function BilledBadge({ billed }: { billed: boolean }) {
  const t = useT()
  return billed ? <Badge tone="neutral">{t.t('numbers.onlyBilled')}</Badge> : <Badge tone="warn">{t.t('numbers.onlyUnbilled')}</Badge>
}
