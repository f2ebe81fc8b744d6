import { LANGUAGES, type Lang, useT } from '../i18n.ts'

/**
 * The console's language, picked by its own name (`lang` on each choice, so
 * that screen readers say "Deutsch" in German): on the sign-in form and in the
 * signed-in header.
 */
export function LanguagePick(props: { lang: Lang; setLang: (lang: Lang) => void }) {
  const t = useT()
  return (
    <label class="lang-pick">
      <span>{t.language}</span>
      <select value={props.lang} onChange={(e) => props.setLang(e.currentTarget.value as Lang)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option value={code} lang={code} key={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  )
}
