import type { NotificationType } from '../notification-type.enum.js';

/** A notification as sockets carry it: JSON, instants as ISO strings. */
export interface NotificationMessage {
  id: string;
  type: NotificationType;
  title: string;
  message: string;
  itemCount: number;
  isRead: boolean;
  readAt: string | null;
  relatedLeadId: string | null;
  relatedDealId: string | null;
  relatedTaskId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the server emits; clients send nothing. */
export interface ServerToClientEvents {
  'notification:created': (notification: NotificationMessage) => void;
  'notification:updated': (notification: NotificationMessage) => void;
  /** Many changed at once (markAllAsRead): refetch. */
  'notifications:bulk-updated': (change: { markedRead: number }) => void;
}

/** What the authentication middleware keeps on a socket. */
export interface SocketData {
  userId: string;
  companyId: string;
  sessionId: string;
  expiresAt: number;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClientToServerEvents {}
/** Between instances: a session ended, close its sockets wherever they are. */
export interface InterServerEvents {
  'session:ended': (userId: string, sessionId: string) => void;
}

export const userRoom = (userId: string): string => `user:${userId}`;
export const companyRoom = (companyId: string): string => `company:${companyId}`;
