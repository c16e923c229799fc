import { createRoot } from 'react-dom/client'
import { createFrameBridge } from '../bridge/frame-bridge'
import { parentOriginFrom } from '../bridge/parent-origin'
import { languageFor, loadCopy } from '../copy'
import { HostedApp } from './HostedApp'
import { OPENED_DIRECTLY } from './opened-directly'

const element = document.getElementById('root')
const parentOrigin = parentOriginFrom(window.location)
// `?locale=` (the embed sets it from its `locale` option): the catalog starts loading at once.
const locale = new URLSearchParams(window.location.search).get('locale') ?? undefined
const language = languageFor(locale)
document.documentElement.lang = language
if (element) {
  const root = createRoot(element)
  if (!parentOrigin || window.parent === window) {
    root.render(
      <div className="jl-root" lang={language}>
        <p role="alert">{OPENED_DIRECTLY[language]}</p>
      </div>,
    )
  } else {
    void loadCopy(language)
    const bridge = createFrameBridge({ parentOrigin, self: window, parent: window.parent })
    root.render(
      <HostedApp
        bridge={bridge}
        serverUrl={window.location.origin}
        frameOrigin={parentOrigin}
        locale={locale}
      />,
    )
    bridge.post({ type: 'ready' })
  }
}
