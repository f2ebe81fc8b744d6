/**
 * Solutions an instance can have installed, by id, with the names the admin
 * centre shows. Partner Project Service and Partner Field Service portals
 * need the two integration solutions.
 */
export const SOLUTIONS = {
  field_service: 'Field Service',
  project_service_automation: 'Project Service Automation',
  customer_service: 'Customer Service',
  sales: 'Sales',
} as const

/** The id of a known solution. */
export type SolutionId = keyof typeof SOLUTIONS

/** Every known solution id, in a stable order. */
export const SOLUTION_IDS = Object.keys(SOLUTIONS) as SolutionId[]

/** The display name of a solution. */
export const solutionName = (id: SolutionId): string => SOLUTIONS[id]
