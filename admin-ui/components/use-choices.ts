import { listAll } from '../api-client.ts'
import type { Contact } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import type { PickerOption } from './picker.tsx'
import { type Resource, useResource } from './use-resource.ts'

/** A contact as a picker shows it: the name, the e-mail address below it (its id matches too, unshown). */
export const contactOption = (c: Contact): PickerOption => ({
  id: c.crmrecordid,
  label: c.name,
  detail: c.email,
  match: c.crmrecordid,
})

/**
 * The contacts of every instance the admin may read (one instance's when
 * given), as picker choices. An instance the admin may not list is skipped.
 */
export function useContactChoices(instanceId?: string): Resource<PickerOption[]> {
  const { api } = useSession()
  return useResource(async () => {
    const instances = instanceId
      ? [{ id: instanceId }]
      : await listAll(api, 'listInstances', 'instances').catch(() => [])
    const lists = await Promise.all(
      instances.map((i) =>
        listAll(api, 'listContacts', 'contacts', { params: { instanceId: i.id } }).catch(
          () => [] as Contact[],
        ),
      ),
    )
    return lists.flat().map(contactOption)
  }, [instanceId])
}

/** The portals the admin may see, as picker choices (the name; the address below it). */
export function usePortalChoices(): Resource<PickerOption[]> {
  const { api } = useSession()
  return useResource(
    async () =>
      (await listAll(api, 'listPortals', 'portals')).map((p) => ({
        id: p.id,
        label: p.name,
        detail: p.url.replace(/^https?:\/\//, ''),
      })),
    [],
  )
}
