import { renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { loadCopy, loadedCopy } from '../copy'
import { es } from '../copy/es'
import { useCopy } from './use-copy'

vi.mock('../copy', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../copy')>()
  return { ...actual, loadedCopy: vi.fn(actual.loadedCopy) }
})

describe('useCopy', () => {
  it('takes a catalog that finished loading between the first render and its effect', async () => {
    // The hosted page starts loading the catalog before the flow mounts; here it is not there
    // yet when the hook first renders, and there by the time its effect runs.
    await loadCopy('es')
    vi.mocked(loadedCopy).mockReturnValueOnce(undefined)
    const { result } = renderHook(() => useCopy('es-MX'))
    await waitFor(() => expect(result.current).toBe(es))
  })

  it('shows nothing until a catalog still on its way has loaded, then that catalog', async () => {
    const { result } = renderHook(() => useCopy('fr'))
    expect(result.current).toBeNull()
    const fr = await loadCopy('fr')
    await waitFor(() => expect(result.current).toBe(fr))
  })
})
