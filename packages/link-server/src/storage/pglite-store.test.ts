import { openPGliteStore } from './open'
import { describeStoreContract } from './store.suite'

describeStoreContract('PGlite', () => openPGliteStore())
