import { expect, it } from 'vitest'
// @ts-expect-error The bench is plain JavaScript, without types.
import { ATTACKS } from '../bench/attacks.js'
// @ts-expect-error The bench is plain JavaScript, without types.
import { runAttack } from '../bench/run-attack.js'

// The bounded subset of `npm run attack`: each row of the attack table at a small scale, against
// the built CLI. The two `--count 100000` rows and the 15 MB scenario folder run only in
// `npm run attack`, being slow to set up rather than to survive. Stalls are printed, not asserted.

interface Attack {
  readonly name: string
}
interface Result {
  readonly name: string
  readonly peakMb: number | undefined
  readonly stallMs: number
  readonly survived: boolean
  readonly note: string
}

const SLOW = /--count 100000|scenario files/
const rows = (ATTACKS as Attack[]).filter((attack) => !SLOW.test(attack.name))

it.each(rows.map((attack) => [attack.name, attack] as const))(
  'survives: %s',
  async (_, attack) => {
    const result = (await runAttack(attack, 0.01)) as Result
    console.log(
      `${result.name}: peak ${result.peakMb ?? '—'} MB, longest probe ${Math.round(result.stallMs)} ms, ${result.note}`,
    )
    expect(result.note).not.toMatch(/^attack failed/)
    expect(result.survived).toBe(true)
    expect(result.peakMb ?? 0).toBeLessThan(600)
  },
  60_000,
)
