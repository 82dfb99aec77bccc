import { boundedMemo } from '../core/index.js'
import {
  LABELLED_CKYC_PERSONAS,
  createSeededCkycPersonas,
  normalizeCkycIdNumber,
  type CkycDocumentType,
  type CkycExistingPersona,
  type CkycPersona,
} from '../fixtures/index.js'
import { defineTable } from '../pipeline/index.js'
import { seedNumber } from '../seed-number.js'

/** A CKYC search: what the `ckyc_…` client_id returned by search stands for. */
export interface CkycSearchRow {
  readonly client_id: string
  /** Label of the persona the search found (searches that find nothing leave no row). */
  readonly persona_label: string
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
}

/**
 * Searches. Kept while a download they started may still be live (its OTP outlives the search
 * TTL), then for the retention.
 */
export const ckycSearches = defineTable('searches').of<CkycSearchRow>({
  key: 'client_id',
  forgetAt: (s, c) =>
    s.created_at + c.surepass.searchTtlMs + c.otp.surepass.ttlMs + c.sessionRetentionMs,
})

/** Lifecycle of a CKYC download. */
export type CkycDownloadStatus = 'otp_sent' | 'downloaded'

/** A CKYC download: what the `ckyc_download_…` client_id from generate-otp stands for. */
export interface CkycDownloadRow {
  readonly client_id: string
  readonly search_client_id: string
  readonly status: CkycDownloadStatus
  /** Epoch ms, by the simulator clock. */
  readonly created_at: number
}

/** Downloads: kept for their OTP's validity, then for the retention. */
export const ckycDownloads = defineTable('downloads').of<CkycDownloadRow>({
  key: 'client_id',
  forgetAt: (d, c) => d.created_at + c.otp.surepass.ttlMs + c.sessionRetentionMs,
})

/** Seeded personas added to the labelled ones, so a seed gives a varied but repeatable registry. */
const SEEDED_PERSONAS = 20

/** The CKYC registry of one seed: read-only, so it is derived once per seed, not stored. */
export interface CkycRegistry {
  readonly personas: readonly CkycPersona[]
  /** The persona a search key finds. */
  find(documentType: CkycDocumentType, idNumber: string): CkycExistingPersona | undefined
  byLabel(label: string): CkycExistingPersona
}

/** The registry of `seed`: the labelled personas, then the seeded ones. */
export const ckycRegistry: (seed: string) => CkycRegistry = boundedMemo((seed) => {
  const personas: readonly CkycPersona[] = [
    ...LABELLED_CKYC_PERSONAS,
    ...createSeededCkycPersonas(seedNumber(seed), SEEDED_PERSONAS),
  ]
  const byKey = new Map<string, CkycExistingPersona>()
  const byLabel = new Map<string, CkycExistingPersona>()
  for (const persona of personas) {
    if (!persona.exists) continue
    byLabel.set(persona.label, persona)
    for (const key of persona.lookup_keys)
      byKey.set(lookupKey(key.document_type, key.id_number), persona)
  }
  return {
    personas,
    find: (documentType, idNumber) => byKey.get(lookupKey(documentType, idNumber)),
    byLabel(label) {
      const persona = byLabel.get(label)
      if (!persona) throw new Error(`persona ${label} vanished`)
      return persona
    },
  }
}, 16)

function lookupKey(documentType: CkycDocumentType, idNumber: string): string {
  return `${documentType}:${normalizeCkycIdNumber(documentType, idNumber)}`
}
