/** A Surepass CKYC persona of `GET /__sim/fixtures`. */
export interface CkycPersona {
  label: string
  document_type: string
  id_number: string
  mobile_number: string | null
}

/** A person of the Surepass persona graph in `GET /__sim/fixtures` (`surepass.people`). */
export interface SurepassPersonFixture {
  label: string
  full_name: string | null
  dob: string | null
  aadhaar_number: string | null
  masked_aadhaar: string | null
  pan: string | null
  mobile_number: string | null
  bank: { account_number: string; ifsc: string; holder_name: string | null } | null
}

/** An Eko agent of `GET /__sim/fixtures`. */
export interface EkoAgentFixture {
  label: string
  user_code: string
  customer_id: string
  aadhaar: string
  latlong?: string
}

/** `GET /__sim/fixtures`, as far as the door tests read it (the fixtures table of the README). */
export interface SimFixtures {
  surepass: {
    token: string
    expired_token: string
    ckyc: CkycPersona[]
    people: SurepassPersonFixture[]
  }
  eko: {
    developer_key: string
    access_key: string
    initiator_id: string
    aadhaar_public_key_pem: string
    agents: EkoAgentFixture[]
    /** Bank customers for the AePS transactions (the simulator's; none live). */
    customers?: { label: string; customer_id: string; aadhaar: string; bank_code: string }[]
  }
}

/** The persona with that label; fails the test with the labels there are when it is missing. */
export function persona(fixtures: SimFixtures, label: string): CkycPersona {
  const found = fixtures.surepass.ckyc.find((p) => p.label === label)
  if (!found)
    throw new Error(
      `no CKYC persona "${label}" in fixtures: ${fixtures.surepass.ckyc.map((p) => p.label).join(', ')}`,
    )
  return found
}

/** The Surepass person with that label; fails the test with the labels there are when it is missing. */
export function person(fixtures: SimFixtures, label: string): SurepassPersonFixture {
  const found = fixtures.surepass.people.find((p) => p.label === label)
  if (!found)
    throw new Error(
      `no Surepass person "${label}" in fixtures: ${fixtures.surepass.people.map((p) => p.label).join(', ')}`,
    )
  return found
}

/** The Eko agent with that label; fails the test with the labels there are when it is missing. */
export function agent(fixtures: SimFixtures, label: string): EkoAgentFixture {
  const found = fixtures.eko.agents.find((a) => a.label === label)
  if (!found)
    throw new Error(
      `no Eko agent "${label}" in fixtures: ${fixtures.eko.agents.map((a) => a.label).join(', ')}`,
    )
  return found
}
