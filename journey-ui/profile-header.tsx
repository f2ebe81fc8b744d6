import type { Profile } from '../schemas/index.ts'
import type { Messages } from './messages.ts'

/** An id that may wrap after its hyphens and nowhere else (a uuid's groups stay whole). */
export function breakAtHyphens(id: string) {
  return id.split(/(?<=-)/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]))
}

/** The header: the linked profile's name and facts when there is one, a neutral title otherwise. */
export function ProfileHeader({ profile, messages }: { profile: Profile | null; messages: Messages }) {
  return (
    <div class="who">
      <p class="overline">{messages.title}</p>
      <h2 class="name">{profile?.name || messages.contactFallback}</h2>
      {profile ? (
        <dl class="facts">
          {profile.email ? (
            <div>
              <dt>{messages.email}</dt>
              <dd>{profile.email}</dd>
            </div>
          ) : null}
          <div>
            <dt>{messages.crmRecord}</dt>
            <dd class="id">{breakAtHyphens(profile.crmrecordid)}</dd>
          </div>
        </dl>
      ) : null}
    </div>
  )
}
