import { startTcpProxy } from './tcp-proxy.js';

/**
 * A loopback proxy in front of PostgreSQL that reads the protocol both ways and counts:
 * - round trips, the times a client had to wait for the server. A simple Query ('Q') or the Sync
 *   ('S') that ends an extended-protocol exchange makes the server answer with ReadyForQuery ('Z');
 *   one sent while an earlier one is still unanswered is pipelined behind it and costs no wait;
 * - the statements sent: each Parse ('P'), named or unnamed, with its text (an unnamed one is
 *   parsed and planned by the server every time it is sent); each Bind ('B'), with the text of
 *   the statement it runs, and each Execute ('E');
 *   each simple Query with its text.
 */
export interface RoundTripCounter {
  port: number;
  count(): number;
  /** Everything sent since the proxy started; subtract two readings for what lies between. */
  tally(): ProtocolTally;
  close(): Promise<void>;
}

export interface ProtocolTally {
  roundTrips: number;
  /** The text of every Parse of a named statement (prepared once per connection). */
  namedParses: string[];
  /** The text of every Parse of the unnamed statement (planned on each sending). */
  unnamedParses: string[];
  /** The text of the statement of every Bind: one per time a statement ran with its values. */
  bound: string[];
  executes: number;
  /** The text of every simple Query (BEGIN, COMMIT, and statements without parameters). */
  simpleQueries: string[];
}

/** What was sent between two tallies of one counter. */
export function tallySince(before: ProtocolTally, after: ProtocolTally): ProtocolTally {
  return {
    roundTrips: after.roundTrips - before.roundTrips,
    namedParses: after.namedParses.slice(before.namedParses.length),
    unnamedParses: after.unnamedParses.slice(before.unnamedParses.length),
    bound: after.bound.slice(before.bound.length),
    executes: after.executes - before.executes,
    simpleQueries: after.simpleQueries.slice(before.simpleQueries.length),
  };
}

/** Calls `onMessage` with the type byte and body of each whole protocol message in a stream. */
function messageReader(untypedFirst: boolean, onMessage: (type: number, body: Buffer) => void) {
  // A client's first message (startup) has no type byte; every later one is type + int32 length.
  let started = !untypedFirst;
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer): void => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      const head = started ? 5 : 4;
      if (pending.length < head) break;
      const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0);
      if (pending.length < length) break;
      if (started) onMessage(pending[0], pending.subarray(head, length));
      started = true;
      pending = pending.subarray(length);
    }
  };
}

/** The NUL-terminated strings at the start of a message body. */
function cStrings(body: Buffer, count: number): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, at);
    out.push(body.toString('utf8', at, end));
    at = end + 1;
  }
  return out;
}

const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const EXECUTE = 0x45; // 'E'
const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const READY_FOR_QUERY = 0x5a; // 'Z'

export async function countRoundTrips(target: {
  host: string;
  port: number;
}): Promise<RoundTripCounter> {
  const tally: ProtocolTally = {
    roundTrips: 0,
    namedParses: [],
    unnamedParses: [],
    bound: [],
    executes: 0,
    simpleQueries: [],
  };
  const proxy = await startTcpProxy(target, () => {
    let unanswered = 0;
    let ready = false; // the server's first ReadyForQuery ends the startup, which is not counted
    // The statements this connection holds: named ones by name, the unnamed one under ''.
    const texts = new Map<string, string>();
    return {
      fromClient: messageReader(true, (type, body) => {
        if (type === PARSE) {
          const [name, text] = cStrings(body, 2);
          (name ? tally.namedParses : tally.unnamedParses).push(text);
          texts.set(name, text);
        } else if (type === BIND) {
          const [, statement] = cStrings(body, 2);
          tally.bound.push(texts.get(statement) ?? '?');
        } else if (type === EXECUTE) tally.executes++;
        else if (type === QUERY) tally.simpleQueries.push(cStrings(body, 1)[0]);
        if (type !== QUERY && type !== SYNC) return;
        if (ready && unanswered === 0) tally.roundTrips++;
        unanswered++;
      }),
      fromServer: messageReader(false, (type) => {
        if (type !== READY_FOR_QUERY) return;
        if (!ready) ready = true;
        else unanswered = Math.max(0, unanswered - 1);
      }),
    };
  });
  return {
    port: proxy.port,
    count: () => tally.roundTrips,
    tally: () => ({
      ...tally,
      namedParses: [...tally.namedParses],
      unnamedParses: [...tally.unnamedParses],
      bound: [...tally.bound],
      simpleQueries: [...tally.simpleQueries],
    }),
    close: () => proxy.close(),
  };
}
