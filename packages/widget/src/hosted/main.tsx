import { createRoot } from 'react-dom/client'
import { createFrameBridge } from '../bridge/frame-bridge'
import { parentOriginFrom } from '../bridge/parent-origin'
import { languageFor, loadCopy } from '../copy'
import { HostedApp } from './HostedApp'

const element = document.getElementById('root')
const parentOrigin = parentOriginFrom(window.location)
// `?locale=` (the embed sets it from its `locale` option): the catalog starts loading at once.
const locale = new URLSearchParams(window.location.search).get('locale') ?? undefined
const language = languageFor(locale)
document.documentElement.lang = language
if (element) {
  const root = createRoot(element)
  if (!parentOrigin || window.parent === window) {
    void loadCopy(language).then((copy) =>
      root.render(
        <div className="jl-root" lang={copy.lang}>
          <p role="alert">{copy.hosted.openedDirectly}</p>
        </div>,
      ),
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
