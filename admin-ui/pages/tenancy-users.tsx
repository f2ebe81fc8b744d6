import { useState } from 'preact/hooks'
import { listAll } from '../api-client.ts'
import type { Role, User } from '../api-types.ts'
import { useSession } from '../app-context.ts'
import { Field, type FieldErrors, FormError, errorsFrom } from '../components/field.tsx'
import { CopyButton } from '../components/secret.tsx'
import { Empty, ErrorState, Loading, Notice, describeError } from '../components/states.tsx'
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
      {users.error && !users.data ? (
        <ErrorState error={users.error} onRetry={users.reload} />
      ) : !users.data ? (
        <Loading />
      ) : users.data.length === 0 ? (
        <Empty>{t.usersEmpty}</Empty>
      ) : (
        <div class="table-wrap">
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.roles}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <td>
                    <strong>{u.name}</strong>
                    {u.email ? <span class="sub">{u.email}</span> : null}
                  </td>
                  <td>
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
        <Field id="grant-user" label={t.user}>
          {(c) => (
            <select
              {...c}
              value={grant.userId}
              onChange={(e) => setGrant({ ...grant, userId: e.currentTarget.value })}
            >
              <option value="">—</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="grant-role" label={t.role}>
          {(c) => (
            <select
              {...c}
              value={grant.role}
              onChange={(e) => setGrant({ ...grant, role: e.currentTarget.value })}
            >
              {ROLE_IDS.map((r) => (
                <option key={r} value={r}>
                  {t.roleNames[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {instanceRole ? (
          <Field id="grant-instance" label={t.instance}>
            {(c) => (
              <select
                {...c}
                value={grant.instanceId}
                onChange={(e) => setGrant({ ...grant, instanceId: e.currentTarget.value })}
              >
                <option value="">—</option>
                {(instances.data ?? []).map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <button type="submit" class="button">
          {t.grantRole}
        </button>
      </form>
      <form class="subform" onSubmit={create} noValidate>
        <h3>{t.createUser}</h3>
        <div class="inline">
          <Field id="user-name" label={t.name} error={errors.name}>
            {(c) => (
              <input
                {...c}
                type="text"
                value={form.name}
                onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="user-email" label={t.email} error={errors.email}>
            {(c) => (
              <input
                {...c}
                type="email"
                value={form.email}
                onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
              />
            )}
          </Field>
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
