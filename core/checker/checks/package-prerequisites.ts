import { packageOf, packagesFor } from '../../portals/portal-catalogue.ts'
import { solutionName } from '../../tenancy/solutions.ts'
import { type Said, findings, say } from '../check-text.ts'
import type { CheckDefinition } from '../check-types.ts'
import { retryPackagesAction } from './package-install.ts'

/** Provisioning: every package's prerequisites (packages, and solutions on the instance) are there. */
export const packagePrerequisitesCheck: CheckDefinition = {
  id: 'provisioning-prerequisites',
  issue: 'A package is missing a prerequisite',
  category: 'Provisioning',
  reads: ['package states of the portal', 'package prerequisites', 'solutions installed on the instance'],
  mitigation:
    'Install the missing prerequisite packages first (retry them in order), and install any missing solution on the instance.',
  actions: [retryPackagesAction],
  async run(ctx) {
    const installed = (id: string) => ctx.packages.get(id as never)?.status === 'Installed'
    const missingPackages = new Set<string>()
    const problems: Said[] = []
    for (const pkg of packagesFor(ctx.portal.portalType)) {
      const lacking = pkg.prerequisites.filter((p) => !installed(p))
      if (lacking.length > 0 && ctx.packages.get(pkg.id) !== undefined) {
        for (const p of lacking) missingPackages.add(p)
        const names = lacking.map((p) => packageOf(p).name)
        problems.push(say`${pkg.name} needs ${names}, not installed`)
      }
      const solutions = ctx.instance?.installedSolutions ?? []
      const noSolution = pkg.requiresSolutions.filter((s) => !solutions.includes(s))
      if (noSolution.length > 0) {
        const names = noSolution.map(solutionName)
        problems.push(say`${pkg.name} needs the ${names} solution on the instance`)
      }
    }
    if (problems.length === 0) return { result: 'pass', details: 'every prerequisite is installed' }
    return {
      result: 'error',
      details: findings(problems),
      ...(missingPackages.size > 0 ? { action: retryPackagesAction.id } : {}),
    }
  },
}
