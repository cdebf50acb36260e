import { describe, expect, it } from 'vitest'
import { createIdentityGraph } from '../../../src/analysis/identity-graph'

describe('createIdentityGraph', () => {
  it('merges anonymous ids linked to the same user, directly or through a chain', () => {
    const graph = createIdentityGraph()
    graph.union(graph.user('u1'), graph.anonymous('phone'))
    graph.union(graph.anonymous('laptop'), graph.user('u1'))
    graph.union(graph.anonymous('tablet'), graph.anonymous('laptop'))
    graph.anonymous('stranger')
    const { groups } = graph.groups()
    expect(groups.map((g) => [g.id, g.userIds, g.anonymousIds])).toEqual([
      ['u1', ['u1'], ['laptop', 'phone', 'tablet']],
      ['stranger', [], ['stranger']],
    ])
  })

  it('keeps a user id and an anonymous id with the same text apart', () => {
    const graph = createIdentityGraph()
    expect(graph.find(graph.user('42'))).not.toBe(graph.find(graph.anonymous('42')))
  })

  it('names a person by their smallest user id whatever the link order', () => {
    const graph = createIdentityGraph()
    graph.union(graph.user('zed'), graph.anonymous('shared'))
    graph.union(graph.anonymous('shared'), graph.user('amy'))
    expect(graph.groups().groups[0]!.id).toBe('amy')
  })

  it('maps every node to its group and grows past its first capacity', () => {
    const graph = createIdentityGraph()
    const nodes = Array.from({ length: 3000 }, (_, i) => graph.anonymous(`a${i}`))
    for (let i = 1; i < nodes.length; i += 2) graph.union(nodes[i - 1]!, nodes[i]!)
    const { groups, groupOf } = graph.groups()
    expect(groups).toHaveLength(1500)
    expect(groupOf[nodes[2998]!]).toBe(groupOf[nodes[2999]!])
    expect(groupOf[nodes[0]!]).not.toBe(groupOf[nodes[2]!])
  })
})
