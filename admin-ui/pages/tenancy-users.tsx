import { useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import type { Role, User } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { DataTable } from '../components/data-table.tsx'
import { type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { SelectField, TextField, bindForm, named } from '../components/form-fields.tsx'
import { Loaded } from '../components/list-states.tsx'
import { CopyButton } from '../components/secret.tsx'
import { Notice, describeError } from '../components/states.tsx'
import { useResource } from '../components/use-resource.ts'
import { useT } from '../i18n.ts'

const ROLE_IDS = [
  'global_administrator',
  'service_administrator',
  'system_administrator',
  'system_customizer',
] as const

const roleKey = (r: Role) => ('instanceId' in r ? `${r.role}:${r.instanceId}` : r.role)

/** Users and their roles: add a user (their token shown once), grant and take away roles. */
export function TenancyUsers() {
  const t = useT()
  const { api, me } = useSession()
  const users = useResource(() => listAll(api, 'listUsers', 'users'), [])
  const instances = useResource(() => listAll(api, 'listInstances', 'instances'), [])
  const [form, setForm] = useState({ name: '', email: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [grant, setGrant] = useState<{ userId: string; role: string; instanceId: string }>({
    userId: '',
    role: 'system_administrator',
    instanceId: '',
  })
  const [notice, setNotice] = useState<string | null>(null)
  const bind = bindForm(form, setForm)
  const bindGrant = bindForm(grant, setGrant)
  const names = Object.fromEntries((instances.data ?? []).map((i) => [i.id, i.name]))
  const label = (r: Role) =>
    `${t.roleNames[r.role] ?? r.role}${'instanceId' in r ? ` ${t.ofInstance(names[r.instanceId] ?? r.instanceId)}` : ''}`

  // Roles are sent as a whole set, so a change must start from the roles this page shows: the list
  // carries no ETag, so read the user (and its ETag), refuse if its roles moved since the list, and
  // send the ETag as If-Match so nothing can slip in between that read and the write either.
  const setRoles = async (user: User, roles: Role[]) => {
    try {
      const fresh = await api.call('getUser', { params: { userId: user.id } })
      const shown = user.roles.map(roleKey).sort().join()
      if (fresh.roles.map(roleKey).sort().join() !== shown) {
        setNotice(t.changedElsewhere)
        await users.reload()
        return
      }
      await api.call(
        'setUserRoles',
        { params: { userId: user.id }, body: { roles } },
        { ifMatch: api.etagOf(fresh) },
      )
      setNotice(null)
      await users.reload()
    } catch (error) {
      setNotice(describeError(t, error))
    }
  }
  const create = async (e: Event) => {
    e.preventDefault()
    if (!form.name.trim()) return setErrors({ name: t.required })
    try {
      const answer = await api.call('createUser', {
        body: {
          name: form.name.trim(),
          ...(form.email.trim() ? { email: form.email.trim() } : {}),
        },
      })
      setCreated({ name: answer.user.name, token: answer.token })
      setForm({ name: '', email: '' })
      setErrors({})
      await users.reload()
    } catch (error) {
      setErrors(errorsFrom(t, error))
    }
  }
  const instanceRole = grant.role === 'system_administrator' || grant.role === 'system_customizer'
  return (
    <div class="card">
      <h2>{t.usersTitle}</h2>
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      <Loaded resource={users} empty={t.usersEmpty}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(u) => u.id}
            columns={[
              {
                key: 'name',
                label: t.name,
                value: (u) => (
                  <>
                    <strong>{u.name}</strong>
                    {u.email ? <span class="sub">{u.email}</span> : null}
                  </>
                ),
              },
              {
                key: 'roles',
                label: t.roles,
                value: (u) => (
                  <>
                    {u.roles.length === 0 ? <span class="muted">{t.noRoles}</span> : null}
                    <ul class="role-list">
                      {u.roles.map((r) => (
                        <li key={roleKey(r)}>
                          {label(r)}{' '}
                          {u.id === me.id ? null : (
                            <button
                              type="button"
                              class="button-link"
                              aria-label={`${t.removeRole}: ${label(r)}, ${u.name}`}
                              onClick={() =>
                                setRoles(
                                  u,
                                  u.roles.filter((x) => roleKey(x) !== roleKey(r)),
                                )
                              }
                            >
                              {t.removeRole}
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      <h3>{t.grantRole}</h3>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault()
          const user = users.data?.find((u) => u.id === grant.userId)
          if (!user) return
          const role = (
            instanceRole ? { role: grant.role, instanceId: grant.instanceId } : { role: grant.role }
          ) as Role
          if (instanceRole && !grant.instanceId) return
          await setRoles(user, [...user.roles.filter((x) => roleKey(x) !== roleKey(role)), role])
        }}
      >
        <SelectField
          id="grant-user"
          label={t.user}
          blank="—"
          options={named(users.data)}
          {...bindGrant('userId')}
        />
        <SelectField
          id="grant-role"
          label={t.role}
          options={ROLE_IDS.map((r) => ({ value: r, label: t.roleNames[r] }))}
          {...bindGrant('role')}
        />
        {instanceRole ? (
          <SelectField
            id="grant-instance"
            label={t.instance}
            blank="—"
            options={named(instances.data)}
            {...bindGrant('instanceId')}
          />
        ) : null}
        <button type="submit" class="button">
          {t.grantRole}
        </button>
      </form>
      <form class="subform" onSubmit={create} noValidate>
        <h3>{t.createUser}</h3>
        <div class="inline">
          <TextField id="user-name" label={t.name} error={errors.name} {...bind('name')} />
          <TextField id="user-email" label={t.email} type="email" error={errors.email} {...bind('email')} />
          <button type="submit" class="button button-primary">
            {t.createUser}
          </button>
        </div>
        <FormError errors={errors} />
      </form>
      {created ? (
        <div class="notice notice-info" role="status">
          <p>{t.userCreated(created.name)}</p>
          <code class="token-out">{created.token}</code>
          <div class="actions">
            <CopyButton value={created.token} label={t.tokenLabel} />
            <button type="button" class="button button-small" onClick={() => setCreated(null)}>
              {t.close}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
