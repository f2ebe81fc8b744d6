/** The tenancy contracts live in schemas/ (the admin API's requests and answers); core uses them from here. */
export {
  LICENCE_TYPES,
  assignLicenceSchema,
  contactSchema,
  createInstanceSchema,
  createLicenceSchema,
  createUserSchema,
  instanceSchema,
  languageTagSchema,
  licenceSchema,
  setRolesSchema,
  updateInstanceSchema,
  upsertContactsSchema,
} from '../../schemas/index.ts'
export type {
  Contact,
  CreateInstanceInput,
  CreateLicenceInput,
  CreateUserInput,
  Instance,
  Licence,
  LicenceType,
  UpdateInstanceInput,
} from '../../schemas/index.ts'
