import { SCENARIO_KEYS } from '@jumplink/sandbox'
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { axeViolations } from './support/axe'
import { screenshots } from './support/browser'
import { openConnections, useE2e } from './support/session'
import { frameWidget, inPageWidget } from './support/widget'

const e2e = useE2e()

/** What each language says at each step (written out here, so the test checks the catalogs). */
const LANGUAGES = {
  en: {
    consent: 'Connect Clearview to JumpCloud',
    progress: 'Step 1 of 4',
    continue: 'Continue',
    instructions: 'Create an API key in JumpCloud',
    role: /with the Read Only role/,
    haveKey: 'I have my key',
    credentials: 'Enter your API key',
    key: 'API key',
    submit: 'Connect',
    rejected: 'JumpCloud did not accept this key',
    organization: 'Choose an organization',
    duplicate: / is already connected$/,
    replace: 'Replace the key',
    done: 'Connected',
    finish: 'Done',
  },
  de: {
    consent: 'Clearview mit JumpCloud verbinden',
    progress: 'Schritt 1 von 4',
    continue: 'Weiter',
    instructions: 'API-Schlüssel in JumpCloud erstellen',
    role: /mit der Rolle Read Only/,
    haveKey: 'Ich habe meinen Schlüssel',
    credentials: 'API-Schlüssel eingeben',
    key: 'API-Schlüssel',
    submit: 'Verbinden',
    rejected: 'JumpCloud hat diesen Schlüssel nicht angenommen',
    organization: 'Organisation wählen',
    duplicate: / ist bereits verbunden$/,
    replace: 'Schlüssel ersetzen',
    done: 'Verbunden',
    finish: 'Fertig',
  },
  fr: {
    consent: 'Connecter Clearview à JumpCloud',
    progress: 'Étape 1 sur 4',
    continue: 'Continuer',
    instructions: 'Créer une clé d’API dans JumpCloud',
    role: /ayant le rôle Read Only/,
    haveKey: 'J’ai ma clé',
    credentials: 'Saisissez votre clé d’API',
    key: 'clé d’API',
    submit: 'Connecter',
    rejected: 'JumpCloud n’a pas accepté cette clé',
    organization: 'Choisissez une organisation',
    duplicate: / est déjà connectée$/,
    replace: 'Remplacer la clé',
    done: 'Connecté',
    finish: 'Terminé',
  },
  es: {
    consent: 'Conectar Clearview con JumpCloud',
    progress: 'Paso 1 de 4',
    continue: 'Continuar',
    instructions: 'Cree una clave de API en JumpCloud',
    role: /tenga el rol Read Only/,
    haveKey: 'Ya tengo mi clave',
    credentials: 'Introduzca su clave de API',
    key: 'clave de API',
    submit: 'Conectar',
    rejected: 'JumpCloud no aceptó esta clave',
    organization: 'Elija una organización',
    duplicate: / ya está conectada$/,
    replace: 'Reemplazar la clave',
    done: 'Conectado',
    finish: 'Listo',
  },
} as const

type Language = keyof typeof LANGUAGES
const LOOKS = {
  light: { viewport: { width: 1280, height: 800 }, theme: 'light' },
  dark: { viewport: { width: 1280, height: 800 }, theme: 'dark' },
  '390px': { viewport: { width: 390, height: 844 }, theme: 'light' },
} as const

const heading = (widget: Locator, name: string | RegExp) =>
  widget.getByRole('heading', { name, exact: typeof name === 'string' }).waitFor()

const runs = (Object.keys(LANGUAGES) as Language[]).flatMap((language) =>
  (Object.keys(LOOKS) as (keyof typeof LOOKS)[]).map((look) => ({ language, look })),
)

it.each(runs)(
  'renders every step in $language ($look) with no axe violations',
  async ({ language, look }) => {
    const words = LANGUAGES[language]
    const { viewport, theme } = LOOKS[look]
    const { page, problems } = await e2e.newPage({ bypassCsp: true, viewport })
    const shot = screenshots(page, `language-${language}-${look}`)
    await openConnections(page, e2e.stack.hostUrl)
    await page.getByLabel('Theme').selectOption(theme)
    await page.getByLabel('Widget language').selectOption(language)
    const scanned: string[] = []
    const scan = async (step: string, target: Page | import('playwright-core').Frame = page) => {
      await shot(step)
      expect(await axeViolations(target), `${language} ${look} ${step}`).toEqual([])
      scanned.push(step)
    }

    await page.getByRole('button', { name: 'Connect JumpCloud' }).click()
    const widget = inPageWidget(page)
    await heading(widget, words.consent)
    expect(await widget.locator('.jl-root').getAttribute('lang')).toBe(language)
    expect(await widget.getByText(words.progress).count()).toBe(1)
    await scan('consent')
    await widget.getByRole('button', { name: words.continue, exact: true }).click()
    await heading(widget, words.instructions)
    expect(await widget.getByText(words.role).count()).toBe(1)
    await scan('instructions')
    await widget.getByRole('button', { name: words.haveKey }).click()
    await heading(widget, words.credentials)
    await scan('credentials')
    const key = widget.getByLabel(words.key, { exact: true })
    await key.fill(SCENARIO_KEYS.invalid)
    await widget.getByRole('button', { name: words.submit, exact: true }).click()
    await widget
      .locator('[role="alert"][data-code="invalid_api_key"]')
      .getByText(words.rejected)
      .waitFor()
    await scan('credentials-error')
    await key.fill(SCENARIO_KEYS.msp)
    await widget.getByRole('button', { name: words.submit, exact: true }).click()
    await heading(widget, words.organization)
    await scan('organization')
    await widget.getByRole('radio').first().check()
    await widget.getByRole('button', { name: words.submit, exact: true }).click()
    // The first run connects the organization; every later run is asked to replace its key.
    const done = widget.getByRole('heading', { name: words.done, exact: true })
    const duplicate = widget.getByRole('heading', { name: words.duplicate })
    await done.or(duplicate).waitFor()
    if (await duplicate.isVisible()) {
      await scan('duplicate')
      await widget.getByRole('button', { name: words.replace }).click()
    }
    await done.waitFor()
    await scan('done')
    if (look === '390px') {
      const box = await page.getByRole('dialog').boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    }
    await widget.getByRole('button', { name: words.finish, exact: true }).click()
    await widget.waitFor({ state: 'detached' })

    // The hosted page in the iframe, told the language by the embed's option.
    await openConnections(page, e2e.stack.hostUrl)
    await page.getByRole('button', { name: 'Connect in a secure window' }).click()
    const framed = frameWidget(page)
    await heading(framed, words.consent)
    const frame = page.frames().find((f) => f.url().startsWith(`${e2e.stack.linkUrl}/link`))
    if (!frame) throw new Error('the hosted frame is not loaded')
    expect(new URL(frame.url()).searchParams.get('locale')).toBe(language)
    await scan('hosted-consent', frame)
    await framed.getByRole('button', { name: words.continue, exact: true }).click()
    await framed.getByRole('button', { name: words.haveKey }).click()
    await heading(framed, words.credentials)
    await scan('hosted-credentials', frame)
    await page.keyboard.press('Escape')
    await page.locator('iframe[data-jumplink-frame]').waitFor({ state: 'detached' })

    expect(scanned.length).toBeGreaterThanOrEqual(8)
    expect(
      problems.filter((p) => !p.includes('status of 400') && !p.includes('status of 409')),
    ).toEqual([])
  },
)
