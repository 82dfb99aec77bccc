/**
 * Types for Eko's official Node SDK `@ekoindia/eko-sdk-node` 0.4.1, which ships none: exactly the
 * surface its `index.js` exports, as the acceptance harness uses it. Callbacks are Node-style;
 * `err` is the SDK's own `{ statusCode, statusMessage }` for a non-200 answer (the raw body in
 * `statusMessage`), `{ errorMessage, errorCode }` for its own option checks, or a socket error.
 */
declare module '@ekoindia/eko-sdk-node' {
  type Callback<T = unknown> = (err: unknown, data: T) => void
  interface EkoConfig {
    hostname?: string
    port?: number
    allowInsecureRequest?: boolean
    developerKey?: string
    authKey?: string
    initiatorId?: string
    partnerUserCode?: string
    contentType?: string
  }
  interface Eko {
    init(config?: EkoConfig): Eko
    verifyPAN(
      options: { panNumber: string; purpose: string | number; purposeDescription: string },
      cb: Callback,
    ): void
    verifyBankAccount(
      options: {
        accountNo: string
        ifsc?: string
        bankCode?: string
        customerId: string
        userCode: string
        initiatorId?: string
      },
      cb: Callback,
    ): void
    isPANServiceActive(cb: Callback<boolean>): void
    billPayments: {
      getOperators(
        options: { category?: string | number; location?: string | number },
        cb: Callback,
      ): void
      getOperatorCategories(options: Record<string, never>, cb: Callback): void
      getOperatorLocations(options: Record<string, never>, cb: Callback): void
      getOperatorParameters(options: { operator?: string | number }, cb: Callback): void
      getBill(options: Record<string, unknown>, cb: Callback): void
      payBill(options: Record<string, unknown>, cb: Callback): void
    }
  }
  const eko: Eko
  export default eko
}
