/**
 * Largest request body a door reads before answering the provider's 413: 1 MiB. Real provider
 * calls are a few KiB (a PID capture is the largest, 3–5 KiB), so anything near this is a
 * client bug or abuse, and reading it all would only cost memory.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024
