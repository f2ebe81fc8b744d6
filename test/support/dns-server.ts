import { type Socket, createSocket } from 'node:dgram'
import type { AddressInfo } from 'node:net'
import dnsPacket from 'dns-packet'

/** A DNS server on loopback that answers CNAME questions from a table, built with dns-packet. */
export interface TestDnsServer {
  /** `127.0.0.1:{port}`, as CASETRAIL_DNS_SERVERS lists it. */
  address: string
  /** Makes `name` a CNAME to `target`. */
  setCname(name: string, target: string): void
  /** Gives `name` an A record and no CNAME (so a CNAME question gets NOERROR with no answer). */
  setA(name: string, ip: string): void
  remove(name: string): void
  /** How many questions it has answered (to show a lookup really reached it). */
  questions(): number
  close(): Promise<void>
}

/**
 * Starts a UDP DNS server on 127.0.0.1 and a free port. CNAME questions for
 * names in the table get the CNAME; names with only an A record get an empty
 * answer; anything else gets NXDOMAIN.
 */
export async function startDnsServer(): Promise<TestDnsServer> {
  const cnames = new Map<string, string>()
  const aRecords = new Map<string, string>()
  let asked = 0
  const socket: Socket = createSocket('udp4')
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet
    try {
      query = dnsPacket.decode(message)
    } catch {
      return
    }
    asked++
    const question = query.questions?.[0]
    const name = question?.name.toLowerCase().replace(/\.$/, '') ?? ''
    const answers: dnsPacket.Answer[] = []
    const cname = cnames.get(name)
    if (cname) answers.push({ type: 'CNAME', name: question!.name, ttl: 60, data: cname })
    else if (question?.type === 'A' && aRecords.has(name))
      answers.push({ type: 'A', name: question.name, ttl: 60, data: aRecords.get(name)! })
    const known = cnames.has(name) || aRecords.has(name)
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      // dns-packet writes the response code from the flags' low four bits (3 = NXDOMAIN).
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER |
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        (known ? 0 : 3),
      questions: query.questions,
      answers,
    } as dnsPacket.Packet)
    socket.send(response, remote.port, remote.address)
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  const { port } = socket.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    setCname: (name, target) => {
      cnames.set(name.toLowerCase(), target)
    },
    setA: (name, ip) => {
      aRecords.set(name.toLowerCase(), ip)
    },
    remove: (name) => {
      cnames.delete(name.toLowerCase())
      aRecords.delete(name.toLowerCase())
    },
    questions: () => asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
