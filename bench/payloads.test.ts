import { describe, expect, it } from 'vitest'
import { INTERACTION_TYPES as SCHEMA_TYPES, interactionSchema } from '../schemas/index.ts'
import { batch, contactId, INTERACTION_TYPES, interaction, uuid } from './payloads.js'

const portalId = '11111111-2222-4333-8444-555555555555'

describe('benchmark payloads', () => {
  it('makes interactions of every type that the ingest schema accepts', () => {
    expect([...INTERACTION_TYPES]).toEqual([...SCHEMA_TYPES])
    for (const type of INTERACTION_TYPES) {
      const item = interaction({ portalId, type })
      expect(interactionSchema.safeParse(item).error).toBeUndefined()
      expect(item.type).toBe(type)
    }
    for (const item of batch(200, { portalId, contacts: 1000 })) {
      expect(interactionSchema.safeParse(item).success).toBe(true)
    }
  })

  it('numbers contacts the way the generated journey table does', () => {
    expect(contactId(0)).toBe('00000000-0000-4000-8000-000000000000')
    expect(contactId(99_999)).toBe('00000000-0000-4000-8000-00000001869f')
    expect(new Set(Array.from({ length: 1000 }, uuid)).size).toBe(1000)
  })
})
