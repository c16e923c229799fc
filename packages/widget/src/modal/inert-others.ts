/**
 * Makes everything on the page except `element` (and the path to it) `inert`: no focus, no
 * clicks, hidden from assistive technology, as a modal dialog requires. Elements that were inert
 * already are left alone. Returns the undo.
 */
export function inertOthers(element: Element): () => void {
  const changed: Element[] = []
  let current: Element | null = element
  while (current?.parentElement) {
    const parent: HTMLElement = current.parentElement
    for (const sibling of parent.children) {
      if (sibling === current || sibling.hasAttribute('inert')) continue
      if (sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue
      sibling.setAttribute('inert', '')
      changed.push(sibling)
    }
    if (parent === element.ownerDocument.body) break
    current = parent
  }
  return () => {
    for (const sibling of changed) sibling.removeAttribute('inert')
  }
}
