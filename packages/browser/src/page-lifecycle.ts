/**
 * The page lifecycle around a tracker: `online` resumes delivery, leaving the page sends what the
 * sender tab holds (see unload.ts), and the back/forward cache gets the page without its Web Lock.
 */
import type { Logger, Queue } from '@touchpoint/core'
import { createUnloadSender, listenForUnload } from './unload'

/** What {@link watchPage} needs from the tracker. */
export interface PageWatchOptions {
  endpoint: string
  /** @default undefined */
  writeKey?: string
  /** Sender tab and online: only then does the unload path send. */
  canSend: () => boolean
  /** Whether the collector acknowledged the last batch. */
  collectorHealthy: () => boolean
  /** Keepalive bytes in flight from normal flushes. */
  keepaliveBytesInFlight: () => number
  /** Called on `pagehide`, after the unload send: give up the sender role. */
  onHide: () => void
  /** Called on `pageshow` from the back/forward cache: claim the role again. */
  onRestore: () => void
  /** @default silent */
  logger?: Logger
}

/** Wires the page's events to the queue; returns the function that unwires them. */
export function watchPage(win: Window, queue: Queue, options: PageWatchOptions): () => void {
  const log = (message: string, data?: unknown) => options.logger?.debug(message, data)
  const onOnline = () => {
    log('online: resuming delivery')
    queue.wake()
  }
  const onOffline = () => log('offline: holding events until the connection returns')
  const sendOnUnload = createUnloadSender({
    queue,
    endpoint: options.endpoint,
    ...(options.writeKey ? { writeKey: options.writeKey } : {}),
    // Offline, a beacon would be accepted and lost: the events wait in IndexedDB instead.
    isLeader: options.canSend,
    collectorHealthy: options.collectorHealthy,
    keepaliveBytesInFlight: options.keepaliveBytesInFlight,
    log,
  })
  const stopUnload = listenForUnload({ window: win, document: win.document }, () => {
    sendOnUnload()
    // Every tab, sender or not: start writing what still waits for IndexedDB right now, so the
    // next sender (or the next visit) finds it.
    queue.persisted().catch(() => undefined)
  })
  // Registered after the unload path, which still sends as the sender: a page holding a Web Lock
  // cannot enter the back/forward cache, so the role is given up on pagehide and claimed again
  // when the page comes back from that cache.
  const onPageHide = () => options.onHide()
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) options.onRestore()
  }
  win.addEventListener('online', onOnline)
  win.addEventListener('offline', onOffline)
  win.addEventListener('pagehide', onPageHide)
  win.addEventListener('pageshow', onPageShow)
  return () => {
    win.removeEventListener('online', onOnline)
    win.removeEventListener('offline', onOffline)
    win.removeEventListener('pagehide', onPageHide)
    win.removeEventListener('pageshow', onPageShow)
    stopUnload()
  }
}
