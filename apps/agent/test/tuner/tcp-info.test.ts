import { describe, expect, it } from 'vitest';
import { DeliveryMeter, parseSocketInfo, type SocketInfo } from '../../src/tuner/tcp-info.ts';

const SS_OUTPUT = [
  '0      0      10.77.0.1:40001  10.77.0.2:7443',
  '\t cubic wscale:7,7 rto:252 rtt:51.2/0.5 mss:1448 cwnd:10 bytes_sent:5000 bytes_acked:4001 segs_out:40 segs_in:20 retrans:0/3 delivery_rate 2Mbps',
  '0      0      10.77.0.1:40002  10.77.0.2:7443',
  '\t cubic wscale:7,7 rto:260 rtt:60/1 mss:1448 cwnd:4 bytes_acked:1 segs_out:2 segs_in:2',
  '',
].join('\n');

describe('kernel TCP info', () => {
  it('parses ss -tinH: bytes acknowledged, retransmissions, segments and RTT per local port', () => {
    expect(parseSocketInfo(SS_OUTPUT)).toEqual([
      { localPort: 40001, bytesAcked: 4001, retransmitted: 3, segmentsOut: 40, rttMs: 51.2 },
      { localPort: 40002, bytesAcked: 1, retransmitted: 0, segmentsOut: 2, rttMs: 60 },
    ]);
  });

  it("totals only the transfer's own sockets, keeping what closed sockets counted", async () => {
    let sockets: SocketInfo[] = [];
    const meter = new DeliveryMeter(7443, async () => sockets);
    const socket = (localPort: number, bytesAcked: number, retransmitted = 0) => ({
      localPort,
      bytesAcked,
      retransmitted,
      segmentsOut: bytesAcked / 100,
      rttMs: 50,
    });
    sockets = [socket(1, 1000), socket(2, 500), socket(9, 99_999)];
    expect(await meter.measure([1, 2])).toEqual({ bytesAcked: 1500, retransmitted: 0, segmentsOut: 15, rttMs: 50 });
    sockets = [socket(1, 3000, 2), socket(3, 700)]; // 2 closed, 3 opened, 9 is another transfer's
    expect(await meter.measure([1, 3])).toMatchObject({ bytesAcked: 4200, retransmitted: 2 });
    expect(await new DeliveryMeter(7443, async () => undefined).measure([1])).toBeUndefined();
  });
});
