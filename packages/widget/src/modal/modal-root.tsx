import type { ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'

/** A React root of its own at the end of `<body>`, mounted on open and fully removed on close. */
export interface ModalRoot {
  open(): void
  close(): void
  readonly isOpen: boolean
}

export function createModalRoot(render: (close: () => void) => ReactNode): ModalRoot {
  let mounted: { container: HTMLElement; root: Root } | null = null

  function close() {
    const current = mounted
    if (!current) return
    mounted = null
    // Unmount outside React's own event dispatch, which may still be running.
    queueMicrotask(() => {
      current.root.unmount()
      current.container.remove()
    })
  }

  return {
    open() {
      if (mounted) return
      const container = document.createElement('div')
      container.setAttribute('data-jumplink-modal', '')
      document.body.append(container)
      const root = createRoot(container)
      mounted = { container, root }
      root.render(render(close))
    },
    close,
    get isOpen() {
      return mounted !== null
    },
  }
}
