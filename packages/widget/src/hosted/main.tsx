import { createRoot } from 'react-dom/client'
import { createFrameBridge } from '../bridge/frame-bridge'
import { parentOriginFrom } from '../bridge/parent-origin'
import { copyFor } from '../copy'
import { HostedApp } from './HostedApp'

const element = document.getElementById('root')
const parentOrigin = parentOriginFrom(window.location)
if (element) {
  const root = createRoot(element)
  if (!parentOrigin || window.parent === window) {
    root.render(
      <div className="jl-root">
        <p role="alert">{copyFor(navigator.language).hosted.openedDirectly}</p>
      </div>,
    )
  } else {
    const bridge = createFrameBridge({ parentOrigin, self: window, parent: window.parent })
    root.render(<HostedApp bridge={bridge} serverUrl={window.location.origin} />)
    bridge.post({ type: 'ready' })
  }
}
