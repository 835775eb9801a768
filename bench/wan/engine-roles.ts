// The transfer engine's two ends for bench:wan, each run as its own process inside a namespace:
//   node --import tsx bench/wan/engine-roles.ts receiver   (env BENCH_RECEIVER: {stateDir, root, jwks})
//   node --import tsx bench/wan/engine-roles.ts sender     (env BENCH_SENDER: SenderConfig)
// The receiver prints "port N". The sender prints one JSON line per tick and a last {"end": …} line.
import type { TuningDecision, TuningSetting } from '@tcpa/contracts';
import { ensureDataChannelIdentity } from '../../apps/agent/src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../../apps/agent/src/transfer/data-channel-server.ts';
import { sendTransfer } from '../../apps/agent/src/transfer/send-transfer.ts';
import { DeliveryMeter } from '../../apps/agent/src/tuner/tcp-info.ts';
import { TransferTuner } from '../../apps/agent/src/tuner/transfer-tuner.ts';

export interface SenderConfig {
  host: string;
  port: number;
  fingerprint: string;
  token: string;
  root: string;
  path: string;
  start: TuningSetting;
  tuner: boolean;
  durationMs: number;
  tickMs: number;
}

/** What the sender prints each tick. */
export interface Tick {
  t: number;
  /** Bytes TCP acknowledged on the transfer's sockets (kernel TCP info), chunk acks aside. */
  delivered: number;
  acked: number;
  streams: number;
  /** Streams with a connected socket. */
  open: number;
  target: number;
  chunk: number;
}

export interface SenderEnd {
  end: true;
  decisions: TuningDecision[];
  error?: string;
}

const role = process.argv[2];
if (role === 'receiver') await runReceiver();
else if (role === 'sender') await runSender();

async function runReceiver() {
  const config = JSON.parse(process.env.BENCH_RECEIVER ?? '{}');
  const identity = await ensureDataChannelIdentity(config.stateDir);
  const server = new DataChannelServer({
    identity,
    agentId: 'bench-destination',
    roots: [config.root],
    jwks: config.jwks,
    host: '0.0.0.0',
  });
  process.stdout.write(`port ${await server.listen()} ${identity.fingerprint}\n`);
}

async function runSender() {
  const config = JSON.parse(process.env.BENCH_SENDER ?? '{}') as SenderConfig;
  const transfer = sendTransfer({
    roots: [config.root],
    paths: [config.path],
    destination: { host: config.host, port: config.port, fingerprint: config.fingerprint },
    token: config.token,
    streams: config.start.streams,
    chunkSize: config.start.chunkSize,
    overwrite: 'overwrite',
  });
  // Both this loop and the tuner sample the transfer; ack latencies go to the tuner either way.
  const latencies: number[] = [];
  const readSample = () => {
    const sample = transfer.sample();
    latencies.push(...sample.ackLatenciesMs);
    return sample;
  };
  const tunable = {
    sample: () => ({ ...readSample(), ackLatenciesMs: latencies.splice(0) }),
    setStreams: (count: number) => transfer.setStreams(count),
    setChunkSize: (bytes: number) => transfer.setChunkSize(bytes),
  };
  const tuner = config.tuner
    ? new TransferTuner({ transfer: tunable, start: config.start, destinationPort: config.port })
    : undefined;
  tuner?.start();
  let error: string | undefined;
  let over = false;
  transfer.result.catch((failure: Error) => {
    if (!over) error = failure.message;
  });
  const started = performance.now();
  const meter = new DeliveryMeter(config.port);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const sample = readSample();
    if (!tuner) latencies.length = 0;
    void meter.measure(sample.localPorts).then((delivery) => {
      busy = false;
      const tick: Tick = {
        t: Math.round(performance.now() - started),
        delivered: delivery?.bytesAcked ?? sample.bytesAcked,
        acked: sample.bytesAcked,
        streams: sample.activeStreams,
        open: sample.localPorts.length,
        target: sample.targetStreams,
        chunk: sample.chunkSize,
      };
      process.stdout.write(`${JSON.stringify(tick)}\n`);
    });
  }, config.tickMs);
  await new Promise((resolve) => setTimeout(resolve, config.durationMs));
  clearInterval(timer);
  tuner?.stop();
  over = true;
  transfer.cancel('benchmark run over');
  await transfer.result.catch(() => undefined);
  const end: SenderEnd = { end: true, decisions: tuner?.decisions ?? [], ...(error ? { error } : {}) };
  process.stdout.write(`${JSON.stringify(end)}\n`);
  process.exit(0);
}
