import type { ProvisioningJob } from '../api-types.ts'
import { useT } from '../i18n.ts'
import { nameOf } from '../api-names.ts'
import { StoredFailure } from './states.tsx'

/** A provisioning job step by step: each step's state, the running one's progress, a failure's message. */
export function JobProgress(props: { job: ProvisioningJob; compact?: boolean }) {
  const t = useT()
  const { steps } = props.job
  const running = steps.findIndex((s) => s.status === 'running')
  return (
    <div class={`job${props.compact ? ' job-compact' : ''}`}>
      {running >= 0 ? (
        <p class="job-now" aria-live="polite">
          {t.stepOf(running + 1, steps.length, nameOf(t, 'steps', steps[running]!.id, steps[running]!.name))}
        </p>
      ) : null}
      <ol class="steps">
        {steps.map((step) => (
          <li key={step.id} class={`step step-${step.status}`}>
            <span class="step-mark" aria-hidden="true" />
            <span class="step-name">{nameOf(t, 'steps', step.id, step.name)}</span>
            <span class="step-status">{t.stepStatus[step.status] ?? step.status}</span>
            {step.status === 'running' && step.progress ? (
              <progress
                max={step.progress.total}
                value={step.progress.done}
                aria-label={`${nameOf(t, 'steps', step.id, step.name)}: ${step.progress.done} / ${step.progress.total}`}
              />
            ) : null}
            {step.status === 'running' && step.progress?.current ? (
              <span class="step-detail">{step.progress.current}</span>
            ) : null}
            {step.error ? <StoredFailure error={step.error} /> : null}
          </li>
        ))}
      </ol>
    </div>
  )
}
