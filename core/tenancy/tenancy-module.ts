import type { PrincipalService } from '../admin/principal-service.ts'
import { type RecordStore, serialWriter } from '../store/record-repository.ts'
import { createContactService } from './contact-service.ts'
import { createInstanceService } from './instance-service.ts'
import { createLicenceService } from './licence-service.ts'
import { createUserService } from './user-service.ts'

/** Instances, users, licences and contacts, on the control plane. */
export function createTenancyModule(deps: {
  db: RecordStore
  principals: PrincipalService
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }
  clock: () => number
}) {
  const instances = createInstanceService(deps)
  return {
    instances,
    users: createUserService({ ...deps, instances, serialise: serialWriter(deps.db, 'users') }),
    licences: createLicenceService(deps),
    contacts: createContactService({ db: deps.db, instances }),
  }
}

/** The tenancy module, as the portal module and core use it. */
export type TenancyModule = ReturnType<typeof createTenancyModule>
