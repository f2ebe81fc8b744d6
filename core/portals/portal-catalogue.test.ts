import { describe, expect, it } from 'vitest'
import {
  AUDIENCES,
  BASE_PACKAGES,
  FEATURE_MATRIX,
  PACKAGES,
  PORTAL_TYPES,
  PORTAL_TYPE_IDS,
  featuresOf,
  installOrder,
  missingPrerequisites,
  packagesFor,
  solutionsRequiredBy,
} from './portal-catalogue.ts'

describe('audiences and portal types (the seed lists)', () => {
  it('offers a Partner audience six portal types, in the seed order', () => {
    expect(AUDIENCES.partner.portalTypes.map((t) => PORTAL_TYPES[t])).toEqual([
      'Customer Self-Service Portal',
      'Custom Portal',
      'Partner Portal',
      'Partner Project Service',
      'Partner Field Service',
      'Community Portal',
    ])
  })

  it('offers a Customer audience the customer self-service, custom and community portals', () => {
    expect(AUDIENCES.customer.portalTypes.map((t) => PORTAL_TYPES[t])).toEqual([
      'Customer Self-Service Portal',
      'Custom Portal',
      'Community Portal',
    ])
  })

  it('offers an Employee audience the employee self-service portal only', () => {
    expect(AUDIENCES.employee.portalTypes.map((t) => PORTAL_TYPES[t])).toEqual([
      'Employee Self-Service Portal',
    ])
  })
})

describe('feature matrix (the seed table)', () => {
  const row = (feature: string) => FEATURE_MATRIX.find((r) => r.feature === feature)?.in

  it('has the 26 rows of the table', () => {
    expect(FEATURE_MATRIX).toHaveLength(26)
  })

  it.each([
    ['Faceted Search', ['customer_self_service', 'employee_self_service']],
    ['Blogs', ['community']],
    ['Ideas', ['community']],
    ['Azure AD Authentication', ['employee_self_service']],
    ['Partner Onboarding', ['partner']],
    ['Knowledge Management', ['customer_self_service', 'partner', 'employee_self_service', 'community']],
    ['Content Management', ['customer_self_service', 'employee_self_service', 'community']],
    ['Comments', ['customer_self_service', 'employee_self_service', 'community']],
  ])('marks %s for exactly %j', (feature, columns) => {
    expect([...(row(feature) ?? [])].sort()).toEqual([...columns].sort())
  })

  it('gives every portal option the seven base packages and the common features', () => {
    for (const type of PORTAL_TYPE_IDS) {
      expect(featuresOf(type)).toEqual(
        expect.arrayContaining(['World Ready', 'Theming', 'Portal Base', 'Feedback']),
      )
    }
  })

  it('reads the Partner column for Partner Project Service and Partner Field Service', () => {
    expect(featuresOf('partner_field_service')).toEqual(featuresOf('partner'))
    expect(featuresOf('partner_project_service')).toContain('Project Service Automation Integration')
  })
})

describe('package graph', () => {
  it('installs the base packages first, in the seed order, then the type’s own', () => {
    const names = packagesFor('partner_field_service').map((p) => p.name)
    expect(names.slice(0, 7)).toEqual([
      'Portal Base',
      'Portal Workflows',
      'Web Notifications',
      'Microsoft Identity',
      'Identity Workflows',
      'Web Forms',
      'Feedback',
    ])
    expect(names.slice(7)).toEqual(['Knowledge Management', 'Partner Portal', 'Partner Field Service'])
  })

  it('installs what each type’s features need', () => {
    expect(packagesFor('community').map((p) => p.id)).toEqual(
      expect.arrayContaining(['knowledge_management', 'forums', 'blogs', 'ideas', 'case_management']),
    )
    expect(packagesFor('custom').map((p) => p.id)).toEqual([...BASE_PACKAGES])
    expect(packagesFor('customer_self_service').map((p) => p.id)).not.toContain('blogs')
  })

  it('puts every package after its prerequisites, for every type', () => {
    for (const type of PORTAL_TYPE_IDS) {
      const order = packagesFor(type).map((p) => p.id)
      for (const [i, id] of order.entries()) {
        const pkg = PACKAGES.find((p) => p.id === id)!
        for (const pre of pkg.prerequisites) {
          expect(order.indexOf(pre), `${pre} before ${id} in ${type}`).toBeGreaterThanOrEqual(0)
          expect(order.indexOf(pre)).toBeLessThan(i)
        }
      }
    }
  })

  it('orders a shuffled list by prerequisites', () => {
    expect(
      installOrder([
        'partner_field_service',
        'partner_portal',
        'portal_base',
        'identity_workflows',
        'identity',
        'portal_workflows',
        'web_forms',
      ]).map((p) => p.id),
    ).toEqual([
      'portal_base',
      'portal_workflows',
      'identity',
      'identity_workflows',
      'web_forms',
      'partner_portal',
      'partner_field_service',
    ])
  })

  it('names missing prerequisite packages and solutions', () => {
    const pkg = PACKAGES.find((p) => p.id === 'partner_field_service')!
    expect(missingPrerequisites(pkg, new Set(), [])).toEqual({
      packages: ['partner_portal'],
      solutions: ['field_service'],
    })
    expect(missingPrerequisites(pkg, new Set(['partner_portal']), ['field_service'])).toEqual({
      packages: [],
      solutions: [],
    })
  })

  it('needs the integration solutions only for Partner Project Service and Partner Field Service', () => {
    expect(solutionsRequiredBy('partner_project_service')).toEqual(['project_service_automation'])
    expect(solutionsRequiredBy('partner_field_service')).toEqual(['field_service'])
    expect(solutionsRequiredBy('partner')).toEqual([])
  })
})
