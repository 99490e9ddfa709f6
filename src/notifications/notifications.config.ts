import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/** Notifications: grouping ingested leads, and the websockets they are pushed on. */
export class NotificationsConfig extends ConfigSlice {
  static override readonly feature = 'notifications';

  /**
   * Ingested leads are announced (lead_created, lead_assigned) in groups: each instance sends what
   * arrived in the last window this often, one notification per recipient ("40 new leads").
   * 0 turns the pass off on this instance.
   */
  @IntVariable(
    'how often each instance announces the ingested leads that arrived since (one grouped `lead_created` per recipient); `0` turns it off',
    { min: 0 },
  )
  NOTIFICATION_GROUP_WINDOW_MS = 5000;

  /**
   * How long a dropped socket may take to reconnect and still receive what it missed (connection
   * state recovery; with REDIS_URL, across instances).
   */
  @IntVariable('how long a dropped socket may take to come back and still receive what it missed', {
    min: 0,
  })
  SOCKET_RECOVERY_SECONDS = 120;

  /**
   * How long an upgraded websocket may take to be admitted (its CONNECT sent and its token
   * checked) before it is closed: an anonymous connection holds a socket and a place in
   * SOCKET_MAX_PENDING_PER_IP until then.
   */
  @IntVariable(
    'how long an upgraded websocket may take to be admitted (CONNECT sent, token checked) before it is closed',
    { min: 100 },
  )
  SOCKET_CONNECT_TIMEOUT_MS = 5000;

  /** Websocket connections one client IP may hold before they are admitted; more are refused (429). */
  @IntVariable('not-yet-admitted websockets one client IP may hold at once (429 beyond)', {
    min: 1,
  })
  SOCKET_MAX_PENDING_PER_IP = 10;
}
