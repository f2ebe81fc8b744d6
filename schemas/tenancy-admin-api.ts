import {
  createInstance,
  getInstance,
  listContacts,
  listInstances,
  updateInstance,
  upsertContacts,
} from './instances-api.ts'
import { assignLicence, createLicence, deleteLicence, listLicences } from './licences-api.ts'
import {
  createUser,
  endAdminSession,
  getMe,
  getUser,
  listUsers,
  revokeUserToken,
  rotateUserToken,
  setUserRoles,
  startAdminSession,
} from './users-api.ts'

// The tenancy admin routes, in the order the OpenAPI document lists them:
// users (users-api.ts), instances and contacts (instances-api.ts), licences
// (licences-api.ts).

/** The tenancy admin routes: users, instances, contacts, licences. */
export const TENANCY_ADMIN_API = [
  getMe,
  createUser,
  listUsers,
  getUser,
  setUserRoles,
  rotateUserToken,
  revokeUserToken,
  startAdminSession,
  endAdminSession,
  createInstance,
  listInstances,
  getInstance,
  updateInstance,
  listContacts,
  upsertContacts,
  createLicence,
  listLicences,
  deleteLicence,
  assignLicence,
] as const
