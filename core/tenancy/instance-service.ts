import { randomUUID } from 'node:crypto'
import type { Principal, PrincipalService } from '../admin/principal-service.ts'
import { DomainError } from '../errors.ts'
import { type RecordStore, createRecordRepository, serialWriter } from '../store/record-repository.ts'
import { canonicalLanguageTag } from './languages.ts'
import {
  assertInstanceAdministrator,
  assertTenantAdministrator,
  hasAnyInstanceRole,
  isTenantAdministrator,
} from './permissions.ts'
import {
  type CreateInstanceInput,
  type Instance,
  type UpdateInstanceInput,
  instanceSchema,
} from '../../schemas/index.ts'

const canonical = (tag: string, field: string): string => {
  const c = canonicalLanguageTag(tag)
  if (!c) {
    throw new DomainError(
      'invalid',
      'invalid_language',
      `${field} must hold language tags like en-US, got ${JSON.stringify(tag)}`,
      field,
    )
  }
  return c
}

/** Canonical, de-duplicated languages with the base language among them. */
function checkLanguages(base: string, installed: readonly string[]): { base: string; installed: string[] } {
  const b = canonical(base, 'baseLanguage')
  const list = [...new Set(installed.map((t) => canonical(t, 'installedLanguages')))]
  if (!list.includes(b)) {
    throw new DomainError(
      'invalid',
      'base_language_not_installed',
      `the base language ${b} must be one of the installed languages (${list.join(', ') || 'none'})`,
      'installedLanguages',
    )
  }
  return { base: b, installed: list }
}

/**
 * Instances: the organisations portals link to, with their installed
 * languages and solutions. Tenant administrators create them (and become
 * System Administrator of what they create, as the admin centre does);
 * a System Administrator of an instance may change it.
 *
 * @example
 * const instances = createInstanceService({ db, principals })
 * const contoso = await instances.create(admin, { name: 'Contoso', baseLanguage: 'en-US', installedSolutions: [] })
 */
export function createInstanceService(deps: {
  db: RecordStore
  principals: PrincipalService
  clock?: () => number
}) {
  const clock = deps.clock ?? Date.now
  const repo = createRecordRepository(deps.db, 'cp_instances', instanceSchema)
  const serialise = serialWriter(deps.db, 'instances')
  const now = () => new Date(clock()).toISOString()

  const find = (id: string): Promise<Instance | null> => repo.get(id)
  const get = async (id: string, field = 'instanceId'): Promise<Instance> => {
    const instance = await repo.get(id)
    if (!instance) {
      throw new DomainError(
        'not_found',
        'instance_not_found',
        `no instance with id ${JSON.stringify(id)}`,
        field,
      )
    }
    return instance
  }
  const all = async (): Promise<Instance[]> =>
    (await repo.list()).map((r) => r.value).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const assertNameFree = async (name: string, exceptId?: string) => {
    const clash = (await all()).find((i) => i.id !== exceptId && i.name.toLowerCase() === name.toLowerCase())
    if (clash) {
      throw new DomainError(
        'conflict',
        'instance_name_taken',
        `an instance named ${JSON.stringify(clash.name)} already exists`,
        'name',
      )
    }
  }

  return {
    find,
    /** One instance; `instance_not_found` (404) when there is none. */
    get,
    /** Every instance, oldest first (no permission check: for core's own use). */
    all,

    /** Creates an instance; its creator becomes its System Administrator. */
    create: (actor: Principal, input: CreateInstanceInput): Promise<Instance> =>
      serialise(async () => {
        assertTenantAdministrator(actor, 'create instances')
        await assertNameFree(input.name)
        const { base, installed } = checkLanguages(
          input.baseLanguage,
          input.installedLanguages ?? [input.baseLanguage],
        )
        const at = now()
        const instance: Instance = {
          id: randomUUID(),
          name: input.name,
          baseLanguage: base,
          installedLanguages: installed,
          installedSolutions: [...new Set(input.installedSolutions)],
          createdAt: at,
          updatedAt: at,
        }
        await repo.put(instance.id, instance)
        const creator = await deps.principals.get(actor.id)
        if (creator) {
          await deps.principals.update({
            ...creator,
            roles: [...creator.roles, { role: 'system_administrator', instanceId: instance.id }],
          })
        }
        return instance
      }),

    /** The instances the actor may see: all for tenant administrators, else those they hold a role in. */
    async list(actor: Principal): Promise<Instance[]> {
      const every = await all()
      return isTenantAdministrator(actor) ? every : every.filter((i) => hasAnyInstanceRole(actor, i.id))
    },

    /** One instance, if the actor is a tenant administrator or holds a role in it. */
    async view(actor: Principal, id: string): Promise<Instance> {
      const instance = await get(id)
      if (!isTenantAdministrator(actor) && !hasAnyInstanceRole(actor, id)) {
        throw new DomainError(
          'forbidden',
          'instance_role_required',
          `you hold no role in instance ${id}; ask a global administrator or its system administrator`,
        )
      }
      return instance
    },

    /** Changes an instance's name, languages or solutions. */
    update: (actor: Principal, id: string, input: UpdateInstanceInput): Promise<Instance> =>
      serialise(async () => {
        const instance = await get(id)
        assertInstanceAdministrator(actor, id, 'change this instance')
        if (input.name !== undefined) await assertNameFree(input.name, id)
        const { base, installed } = checkLanguages(
          input.baseLanguage ?? instance.baseLanguage,
          input.installedLanguages ?? instance.installedLanguages,
        )
        const next: Instance = {
          ...instance,
          name: input.name ?? instance.name,
          baseLanguage: base,
          installedLanguages: installed,
          installedSolutions: input.installedSolutions
            ? [...new Set(input.installedSolutions)]
            : instance.installedSolutions,
          updatedAt: now(),
        }
        await repo.put(id, next)
        return next
      }),
  }
}

/** The instance service's interface. */
export type InstanceService = ReturnType<typeof createInstanceService>
