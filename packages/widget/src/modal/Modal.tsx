import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react'
import { trapTab } from './focusable'
import { inertOthers } from './inert-others'

export interface ModalProps {
  titleId: string
  onClose: () => void
  children: ReactNode
}

/**
 * A modal dialog (its close button is the flow's own): labelled by the step heading, Tab stays inside, Escape closes. While open the
 * page behind does not scroll; on close, scrolling and focus go back to where they were.
 */
export function Modal({ titleId, onClose, children }: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const previous = document.activeElement
    const { body } = document
    const overflow = body.style.overflow
    body.style.overflow = 'hidden'
    const backdrop = dialogRef.current?.parentElement
    const restoreInert = backdrop ? inertOthers(backdrop) : () => {}
    return () => {
      restoreInert()
      body.style.overflow = overflow
      if (previous instanceof HTMLElement && previous.isConnected) {
        previous.focus({ preventScroll: true })
      }
    }
  }, [])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
    } else if (dialogRef.current) {
      trapTab(event, dialogRef.current)
    }
  }

  return (
    <div className="jl-backdrop">
      <div
        ref={dialogRef}
        className="jl-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  )
}
