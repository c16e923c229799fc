import { brandRule } from './brand-color'
import { WIDGET_CSS } from './css'

export interface WidgetStylesProps {
  instance: string
  brandColor?: string | undefined
  nonce?: string | undefined
  /** The hosted page links its stylesheet as a file, and only needs the brand rule. */
  includeBase?: boolean
}

/**
 * The widget's styles as a `<style>` element with the page's nonce: no inline style attributes,
 * so a strict `style-src 'nonce-…'` policy works, on the server as in the browser.
 */
export function WidgetStyles({
  instance,
  brandColor,
  nonce,
  includeBase = true,
}: WidgetStylesProps) {
  const css = `${includeBase ? WIDGET_CSS : ''}${brandRule(instance, brandColor)}`
  if (!css) return null
  return <style nonce={nonce}>{css}</style>
}
