import { defineOperation } from '../../pipeline/index.js'
import { servicesOutcome } from '../eko-services.js'

/**
 * Get User's Services (v1), as Eko's Node SDK calls it (`user_code:<code>` in the path): the same
 * list as the v3 operation. Source: ekoindia/eko-sdk-node services.js.
 */
export const userServicesListV1 = defineOperation('eko.userServices.listV1', {
  handle: (call) => servicesOutcome(call, call.params.user_code as string),
})
