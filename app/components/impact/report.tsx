import type { ImpactOutcome } from '#app/domain/impact/screen.ts'
import { BlastRadiusPicture } from './blast-radius.tsx'
import { FindingsBySeverity } from './findings.tsx'
import { MovedNumbers } from './moved-numbers.tsx'
import { useNames } from './names.tsx'
import { ContractConsequences, MechanismComparison } from './outcomes.tsx'
import { StepPlan } from './plan.tsx'
import { VerdictBanner } from './verdict.tsx'

/** A whole impact report: verdict, picture, findings, mechanisms, plan, moved numbers, contracts. */
export function ImpactReportView({ outcome, paged = false }: { outcome: ImpactOutcome; /** The moved groups page through the URL (GET screens). */ paged?: boolean }) {
  const { report, picture, labels } = outcome
  const names = useNames(report, labels)
  return (
    <div id="impact-report" className="space-y-5">
      <VerdictBanner report={report} names={names} />
      <BlastRadiusPicture picture={picture} />
      <div className="grid gap-5 xl:grid-cols-2">
        <FindingsBySeverity report={report} names={names} />
        <StepPlan report={report} names={names} />
      </div>
      <MechanismComparison report={report} names={names} />
      <MovedNumbers report={report} names={names} paged={paged} />
      <ContractConsequences report={report} names={names} />
    </div>
  )
}
