/** Header naming the auth check that failed, so a 403 says why (Eko's own 403 says nothing). */
export const AUTH_ERROR_HEADER = 'x-fintwin-auth-error'
