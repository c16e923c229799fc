import { useEffect, useState } from 'react'
import { type Language, languageFor, loadCopy, loadedCopy, type WidgetCopy } from '../copy'

/**
 * The catalog for a locale. English is there at once; another language is null until its chunk
 * has loaded (the flow shows its loading state meanwhile, so no English flashes in between).
 */
export function useCopy(locale: string | undefined): WidgetCopy | null {
  const language = languageFor(locale)
  const [state, setState] = useState<{ language: Language; copy: WidgetCopy | undefined }>(() => ({
    language,
    copy: loadedCopy(language),
  }))
  useEffect(() => {
    let live = true
    if (loadedCopy(language)) {
      setState((s) => (s.language === language ? s : { language, copy: loadedCopy(language) }))
      return
    }
    void loadCopy(language).then((copy) => {
      if (live) setState({ language, copy })
    })
    return () => {
      live = false
    }
  }, [language])
  return state.language === language ? (state.copy ?? null) : (loadedCopy(language) ?? null)
}
