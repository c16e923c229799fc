import { act, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { lazyStep, type PendingStep } from './lazy-step'

function Greeting({ name }: { name: string }) {
  return <h2>Hello {name}</h2>
}

const pending: PendingStep = (failed, retry) =>
  failed ? (
    <button type="button" onClick={retry}>
      Try again
    </button>
  ) : (
    <p role="status">Loading…</p>
  )

describe('a step that loads on demand', () => {
  it('shows loading, then the step, and loads its code once for every instance', async () => {
    const load = vi.fn(async () => Greeting)
    const Step = lazyStep(load)
    render(<Step name="Ada" pending={pending} />)
    expect(screen.getByRole('status')).toHaveTextContent('Loading…')
    expect(await screen.findByRole('heading', { name: 'Hello Ada' })).toBeVisible()
    render(<Step name="Grace" pending={pending} />)
    expect(screen.getByRole('heading', { name: 'Hello Grace' })).toBeVisible()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('offers a retry when its code did not load (offline), and loads it on the retry', async () => {
    const load = vi
      .fn<() => Promise<typeof Greeting>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(Greeting)
    const Step = lazyStep(load)
    render(<Step name="Ada" pending={pending} />)
    const retry = await screen.findByRole('button', { name: 'Try again' })
    await act(async () => retry.click())
    expect(await screen.findByRole('heading', { name: 'Hello Ada' })).toBeVisible()
    expect(load).toHaveBeenCalledTimes(2)
  })
})
