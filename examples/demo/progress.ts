/** A one-line progress bar on stderr (a line every 10 % when stderr is not a terminal). */

/** A running progress bar. */
export interface Progress {
  /** Sets the done count and the text after the bar. */
  update(done: number, note?: string): void
  /** Draws the final state and ends the line. */
  finish(note?: string): void
}

/** Creates a progress bar for `total` units of `label`. */
export function createProgress(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now()
  const width = 30
  let lastDecile = -1
  let lastDraw = 0
  const line = (done: number, note: string) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total)
    const filled = Math.round(ratio * width)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label} · ${seconds} s${note ? ` · ${note}` : ''}`
  }
  const draw = (done: number, note: string, force: boolean) => {
    if (stream.isTTY) {
      // Redraw at most ~12 times a second: the terminal is slower than the simulation.
      if (!force && Date.now() - lastDraw < 80) return
      lastDraw = Date.now()
      stream.write(`\r${line(done, note)}\x1b[K`)
    } else {
      const decile = Math.floor((done / Math.max(1, total)) * 10)
      if (decile === lastDecile && !force) return
      lastDecile = decile
      stream.write(`${line(done, note)}\n`)
    }
  }
  let current = 0
  return {
    update(done, note = '') {
      current = done
      draw(done, note, false)
    },
    finish(note = '') {
      draw(current, note, true)
      if (stream.isTTY) stream.write('\n')
    },
  }
}
