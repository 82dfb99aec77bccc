import { isPanShaped, type SurepassPerson } from '../fixtures/index.js'
import { SimulatorError, type OperationCall } from '../pipeline/index.js'
import { surepassPeople } from './surepass-tables.js'

/**
 * What the Surepass PAN operations share: the person holding the PAN in `id_number`, and the
 * identity fields their answers have in common.
 */

/**
 * The person holding the PAN. A malformed PAN and one no person holds are both `invalid_pan`:
 * the PAN lite docs answer an invalid PAN with a 422 rather than a 400.
 */
export function panHolder({ body, sim }: OperationCall): SurepassPerson {
  const pan = (body.id_number as string).trim().toUpperCase()
  const person = isPanShaped(pan) ? surepassPeople(sim.seed).byPan(pan) : undefined
  if (!person) throw new SimulatorError('invalid_pan')
  return person
}

/** The holder's PAN, name, split name, date of birth and gender, as the PAN answers carry them. */
export function panIdentity(person: SurepassPerson) {
  return {
    pan_number: person.pan,
    full_name: person.full_name,
    full_name_split: [...person.name_split],
    dob: person.dob,
    gender: person.gender,
  }
}
