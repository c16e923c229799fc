import { type ReactNode, useEffect, useRef } from 'react'

export interface StepHeadingProps {
  id: string
  focus: boolean
  children: ReactNode
}

/** A step's title. It takes focus when its step appears, so screen readers announce the step. */
export function StepHeading({ id, focus, children }: StepHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: false })
  }, [focus])
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  )
}
