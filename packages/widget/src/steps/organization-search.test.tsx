import { screen } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { VALID_KEY } from '../test-support/fake-link-api'
import { renderJumpLink } from '../test-support/render-widget'

// MSP keys can reach more than 100 organizations (issue 19): the link API pages to the end and
// the picker searches every organization it got, not a first page.
const many = Array.from({ length: 150 }, (_, i) => ({
  id: `org_${String(i).padStart(3, '0')}`,
  name: `Client ${String(i).padStart(3, '0')}`,
}))

async function toPicker(user: UserEvent) {
  await user.click(await screen.findByRole('button', { name: 'Continue' }))
  await user.click(screen.getByRole('button', { name: 'I have my key' }))
  await user.click(screen.getByLabelText('API key'))
  await user.paste(VALID_KEY)
  await user.click(screen.getByRole('button', { name: 'Connect' }))
  await screen.findByRole('heading', { name: 'Choose an organization' })
}

describe('organization picker over 150 organizations', () => {
  it('lists all 150 and finds one past the first hundred by name or id', async () => {
    const { user, fake } = renderJumpLink({ organizations: many })
    await toPicker(user)
    expect(screen.getAllByRole('radio')).toHaveLength(150)
    const search = screen.getByRole('searchbox', { name: 'Search organizations' })
    await user.type(search, 'client 142')
    expect(screen.getAllByRole('radio')).toHaveLength(1)
    expect(screen.getByRole('status')).toHaveTextContent('1 of 150 organizations shown')
    await user.clear(search)
    await user.type(search, 'org_149')
    await user.click(screen.getByRole('radio', { name: 'Client 149' }))
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    await screen.findByRole('heading', { name: 'Connected' })
    expect(fake.callsTo('/v1/link/complete')[0]?.body?.organization_id).toBe('org_149')
    // 150 radios re-render per keystroke; on a loaded machine that takes a while.
  }, 60_000)
})
