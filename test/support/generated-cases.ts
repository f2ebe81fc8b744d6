/** A case of a generated insight data set: its contact, the portal it came from (null: not a portal), and when. */
export interface GeneratedCase {
  id: string
  contact: string
  portal: string | null
  at: number
}

/** The cases as a CRM reports them to a hub's case route. */
export const caseReports = (cases: readonly GeneratedCase[]) =>
  cases.map((c) => ({
    caseId: c.id,
    contactId: c.contact,
    createdAt: new Date(c.at).toISOString(),
    ...(c.portal ? { portalId: c.portal } : {}),
  }))
