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
    // The chunk may have arrived between the render and this effect (the hosted page starts
    // loading it before the flow mounts): take it, or the flow would wait for it for good.
    const ready = loadedCopy(language)
    if (ready) {
      setState((s) => (s.language === language && s.copy === ready ? s : { language, copy: ready }))
      return
    }
    void loadCopy(language).then((copy) => {
      if (live) setState({ language, copy })
    })
    return () => {
      live = false
    }
  }, [language])
  return (state.language === language ? state.copy : undefined) ?? loadedCopy(language) ?? null
}
