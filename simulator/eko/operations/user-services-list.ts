import { defineOperation } from '../../pipeline/index.js'
import { servicesOutcome } from '../eko-services.js'

/**
 * Get User's Services (v3): the agent's service status list, reviews that are over completed
 * first. Sources: openapi-spec docs/docs.md; ekoindia/eps-platform api-specs.ts get-user-services.
 */
export const userServicesList = defineOperation('eko.userServices.list', {
  handle: (call) => servicesOutcome(call, call.query.user_code as string),
})
