/** Spawns TypeScript fixtures in a child Node process (through tsx) and reads their JSON lines. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** A running fixture. */
export interface Child {
  readonly process: ChildProcess
  /** Resolves with the next JSON line the child prints. */
  nextMessage<T = unknown>(): Promise<T>
  /** Resolves when the child has exited. */
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): void
}

/** Runs `test/node/fixtures/<name>.ts` with `args`, from the repository root. */
export function spawnFixture(name: string, args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', `test/node/fixtures/${name}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiting: Array<(line: string) => void> = []
  let buffered = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    let nl: number
    while ((nl = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, nl)
      buffered = buffered.slice(nl + 1)
      const waiter = waiting.shift()
      if (waiter) waiter(line)
      else lines.push(line)
    }
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    process: child,
    exited,
    nextMessage<T>() {
      const line = lines.shift()
      if (line !== undefined) return Promise.resolve(JSON.parse(line) as T)
      return new Promise<T>((resolve, reject) => {
        waiting.push((next) => resolve(JSON.parse(next) as T))
        void exited.then((code) => reject(new Error(`fixture ${name} exited (${code}) before answering: ${stderr}`)))
      })
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    },
  }
}
