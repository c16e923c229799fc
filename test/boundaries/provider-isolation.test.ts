import { describe, expect, it } from 'vitest'
import { findProviderLeaks, mayNameProvider } from '../../scripts/provider-isolation.ts'

describe('provider isolation', () => {
  it.each([
    'packages/shared/src/providers/jumpcloud.ts',
    'packages/link-server/src/providers/jumpcloud/client.ts',
    'packages/sandbox/src/data/users.ts',
    'packages/link-server/src/routes/link.test.ts',
    'packages/widget/src/App.test.tsx',
    'packages/link-server/src/providers/jumpcloud/fixtures/user.json',
    'packages/widget/src/copy/de.ts',
    'test/e2e/flow.spec.ts',
    'README.md',
  ])('lets %s name the provider', (path) => {
    expect(mayNameProvider(path, 'jumpcloud')).toBe(true)
  })

  it.each([
    'packages/link-server/src/routes/link.ts',
    'packages/link-server/src/providers/okta/client.ts',
    'packages/widget/src/steps/Credentials.tsx',
    'packages/widget/index.html',
    'packages/client/src/index.ts',
    'examples/host-app/src/App.tsx',
    'packages/widget/src/copy/index.ts',
    'scripts/demo.ts',
  ])('forbids %s to name the provider', (path) => {
    expect(mayNameProvider(path, 'jumpcloud')).toBe(false)
  })

  it('reports each leaking line with its number, whatever the case', () => {
    const leaks = findProviderLeaks(
      [
        {
          path: 'packages/widget/src/Intro.tsx',
          content: 'const a = 1\nconst title = "Connect JumpCloud"',
        },
        { path: 'packages/link-server/src/providers/jumpcloud/config.ts', content: 'jumpcloud' },
      ],
      ['jumpcloud'],
    )
    expect(leaks).toEqual([
      {
        path: 'packages/widget/src/Intro.tsx',
        line: 2,
        provider: 'jumpcloud',
        text: 'const title = "Connect JumpCloud"',
      },
    ])
  })
})
