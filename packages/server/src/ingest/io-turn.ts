/**
 * Lets the event loop run pending I/O before the caller goes on with synchronous work. The ingest prepares
 * one batch while PostgreSQL works on the one before, in the same thread: without a turn now and then, the
 * commit's COPY stream and its next statements would wait until a whole batch is prepared (0.5–1 s), leaving
 * PostgreSQL idle for that long.
 */
export const ioTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records handled between two turns: a few milliseconds of work. */
export const TURN_SLICE = 1_000;
