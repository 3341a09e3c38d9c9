/**
 * Media Session: the article's title and publisher, and play, pause, previous/next paragraph and
 * stop, for headphones, the lock screen and the notification area where the platform offers them
 * for speech (not every one does, and none is relied on).
 */

export interface MediaActions {
  readonly play: () => void;
  readonly pause: () => void;
  readonly previous: () => void;
  readonly next: () => void;
  readonly stop: () => void;
}

const ACTIONS = ['play', 'pause', 'previoustrack', 'nexttrack', 'stop'] as const;

function session(): MediaSession | null {
  return 'mediaSession' in navigator ? navigator.mediaSession : null;
}

export function startMediaSession(title: string, publisher: string, actions: MediaActions): void {
  const media = session();
  if (media === null) return;
  if (typeof MediaMetadata !== 'undefined') {
    media.metadata = new MediaMetadata({ title, artist: publisher, album: 'Warta' });
  }
  const handlers: Record<(typeof ACTIONS)[number], () => void> = {
    play: actions.play,
    pause: actions.pause,
    previoustrack: actions.previous,
    nexttrack: actions.next,
    stop: actions.stop,
  };
  for (const action of ACTIONS) {
    try {
      media.setActionHandler(action, handlers[action]);
    } catch {
      // An action this browser does not know (older ones lack "stop"): the others still work.
    }
  }
}

export function mediaPlaybackState(state: MediaSessionPlaybackState): void {
  const media = session();
  if (media !== null) media.playbackState = state;
}

export function endMediaSession(): void {
  const media = session();
  if (media === null) return;
  media.metadata = null;
  media.playbackState = 'none';
  for (const action of ACTIONS) {
    try {
      media.setActionHandler(action, null);
    } catch {
      // Not known here: nothing was set.
    }
  }
}
