// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { JumpLink, useJumpLink } from './index'

function Button() {
  const { ready } = useJumpLink({ serverUrl: 'https://link.test', linkToken: 't', onSuccess() {} })
  return <button type="button">{ready ? 'Connect' : 'Loading'}</button>
}

describe('server-side rendering', () => {
  it('imports and renders to a string without window or document', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const fetch = vi.fn()
    const html = renderToString(
      <>
        <JumpLink
          serverUrl="https://link.test"
          linkToken="t"
          fetch={fetch}
          onSuccess={() => {}}
          nonce="abc"
          theme="system"
        />
        <Button />
      </>,
    )
    expect(html).toContain('class="jl-root"')
    expect(html).toContain('data-theme="system"')
    expect(html).toContain('nonce="abc"')
    expect(html).not.toContain('<script')
    expect(html).toContain('Loading')
    expect(fetch).not.toHaveBeenCalled()
  })
})
