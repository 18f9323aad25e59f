// A DNS server on 127.0.0.1 (UDP), for the relay lookup's tests: it answers the names it is given
// (A and AAAA), says NXDOMAIN for the rest, or, `silent`, reads every query and never answers, as
// a resolver behind a network that is up but whose DNS server is gone. Messages are read and
// written by dns-packet.
import dgram from 'node:dgram';
import { once } from 'node:events';
import dnsPacket from 'dns-packet';

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for NOSTR_TUI_DNS_SERVERS or PoolOptions.dnsServers. */
  server: string;
  /** Names asked, in order, with their type. */
  asked: Array<{ name: string; type: string }>;
  stop(): Promise<void>;
}

export interface DnsRecords {
  /**
   * `silent`: that type's queries are read and never answered (a server that drops AAAA queries);
   * `aaaaAfterMs`: the AAAA answer comes this late.
   */
  [name: string]: { A?: string[] | 'silent'; AAAA?: string[] | 'silent'; aaaaAfterMs?: number };
}

export async function startDnsServer(records: DnsRecords | 'silent'): Promise<TestDnsServer> {
  const socket = dgram.createSocket('udp4');
  const asked: TestDnsServer['asked'] = [];
  socket.on('message', (message, from) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    asked.push({ name: question.name, type: question.type });
    if (records === 'silent') return;
    const known = records[question.name.toLowerCase()];
    const addresses = question.type === 'A' || question.type === 'AAAA' ? (known?.[question.type] ?? []) : [];
    if (addresses === 'silent') return;
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (known ? 0 : 3), // rcode 3: NXDOMAIN
      questions: [question],
      answers: addresses.map((data) => ({ type: question.type as 'A' | 'AAAA', class: 'IN', name: question.name, ttl: 60, data })),
    });
    const send = () => {
      try {
        socket.send(reply, from.port, from.address);
      } catch {
        // Stopped meanwhile: a late answer nobody waits for.
      }
    };
    if (question.type === 'AAAA' && known?.aaaaAfterMs) setTimeout(send, known.aaaaAfterMs);
    else send();
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    server: `127.0.0.1:${socket.address().port}`,
    asked,
    stop: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
