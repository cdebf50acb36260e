/**
 * Identity merge: a union-find over anonymous ids and user ids. An `identify` (or any event
 * carrying both ids) links an anonymous id to a user id; a journey token links a server event to
 * the browser's anonymous id through `context.journey.anonymousId`. Everything linked, directly or
 * through a chain, is one person.
 *
 * User ids and anonymous ids live in separate namespaces, so user `42` and anonymous `42` stay apart.
 * Nodes are small integers and parents an int array, so a million links cost no per-link objects.
 */

/** One person: their ids, sorted. */
export interface IdentityGroup {
  /** Smallest user id, or smallest anonymous id when the person never identified. */
  readonly id: string
  readonly userIds: string[]
  readonly anonymousIds: string[]
}

/** The merge state; build with {@link createIdentityGraph}. */
export interface IdentityGraph {
  /** Node of a user id, created on first sight. */
  user(userId: string): number
  /** Node of an anonymous id, created on first sight. */
  anonymous(anonymousId: string): number
  /** Declares two nodes the same person. */
  union(a: number, b: number): void
  /** Representative node of a node's person. */
  find(node: number): number
  /**
   * Groups every node into people. `groupOf[node]` is the index of its person in `groups`;
   * groups are in creation order of their representative (not sorted).
   */
  groups(): { groups: IdentityGroup[]; groupOf: Int32Array }
}

/** Creates an empty identity graph. */
export function createIdentityGraph(): IdentityGraph {
  const users = new Map<string, number>()
  const anonymous = new Map<string, number>()
  let parent = new Int32Array(1024)
  let size = 0

  const node = (map: Map<string, number>, id: string): number => {
    const known = map.get(id)
    if (known !== undefined) return known
    if (size === parent.length) {
      const grown = new Int32Array(parent.length * 2)
      grown.set(parent)
      parent = grown
    }
    parent[size] = size
    map.set(id, size)
    return size++
  }

  const find = (start: number): number => {
    let root = start
    while (parent[root] !== root) root = parent[root]!
    // Path compression keeps later finds near O(1).
    let cursor = start
    while (parent[cursor] !== root) {
      const next = parent[cursor]!
      parent[cursor] = root
      cursor = next
    }
    return root
  }

  const union = (a: number, b: number): void => {
    const rootA = find(a)
    const rootB = find(b)
    // Lower index wins: cheap, and which root represents a set never shows in the output.
    if (rootA < rootB) parent[rootB] = rootA
    else if (rootB < rootA) parent[rootA] = rootB
  }

  const groups = (): { groups: IdentityGroup[]; groupOf: Int32Array } => {
    const groupOf = new Int32Array(size).fill(-1)
    const list: { id: string; userIds: string[]; anonymousIds: string[] }[] = []
    const groupFor = (n: number): { userIds: string[]; anonymousIds: string[] } => {
      const root = find(n)
      let index = groupOf[root]!
      if (index < 0) {
        index = list.length
        groupOf[root] = index
        list.push({ id: '', userIds: [], anonymousIds: [] })
      }
      groupOf[n] = index
      return list[index]!
    }
    for (const [id, n] of users) groupFor(n).userIds.push(id)
    for (const [id, n] of anonymous) groupFor(n).anonymousIds.push(id)
    for (const group of list) {
      group.userIds.sort(compareStrings)
      group.anonymousIds.sort(compareStrings)
      // Chosen by sorting, not by arrival, so the id does not depend on the events' order.
      group.id = group.userIds[0] ?? group.anonymousIds[0]!
    }
    return { groups: list, groupOf }
  }

  return {
    user: (id) => node(users, id),
    anonymous: (id) => node(anonymous, id),
    union,
    find,
    groups,
  }
}

/** Code-unit string order (locale-independent, so results are the same everywhere). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
