/**
 * "Only the newest request counts", written once: the popup asks MEGA, the copy on this device and
 * the recent list again and again as the user types, and an answer that comes after a newer
 * question was asked of the same source must be dropped, not shown.
 */
export interface NewestRequest {
  /**
   * Asks, and hands the answer to `answered` (or a throw or rejection to `failed`) only while no
   * newer request was sent this way and nothing was forgotten since. Returns the same check, for
   * a wait of the caller's own (a timer) that races the answer.
   */
  send<T>(ask: () => Promise<T>, answered: (answer: T) => void, failed: () => void): () => boolean;
  /** Drops every answer still on its way (another account, or the popup closing). */
  forget(): void;
}

export function newestRequest(): NewestRequest {
  /** Bumped by every request and by `forget`: an answer counts while its number is the newest. */
  let newest = 0;
  return {
    send<T>(ask: () => Promise<T>, answered: (answer: T) => void, failed: () => void) {
      const mine = ++newest;
      const isNewest = () => mine === newest;
      let sent: Promise<T>;
      try {
        sent = ask();
      } catch (error) {
        sent = Promise.reject(error);
      }
      sent.then(
        (answer) => {
          if (isNewest()) answered(answer);
        },
        () => {
          if (isNewest()) failed();
        },
      );
      return isNewest;
    },
    forget() {
      newest += 1;
    },
  };
}
