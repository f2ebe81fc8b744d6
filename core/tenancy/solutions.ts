/**
 * Solutions an instance can have installed, by id, with the names the admin
 * centre shows. Partner Project Service and Partner Field Service portals
 * need the two integration solutions.
 */
import { SOLUTION_IDS, type SolutionId } from '../../schemas/index.ts'

export { SOLUTION_IDS, type SolutionId }

export const SOLUTIONS = {
  field_service: 'Field Service',
  project_service_automation: 'Project Service Automation',
  customer_service: 'Customer Service',
  sales: 'Sales',
} as const satisfies Record<SolutionId, string>

/** The display name of a solution. */
export const solutionName = (id: SolutionId): string => SOLUTIONS[id]
