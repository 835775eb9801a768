import { MAX_CHUNK_BYTES, MAX_HEADER_BYTES } from '@tcpa/contracts/data-channel';
import type { z } from 'zod';

/** A frame that breaks the protocol; the stream it came on is ended with this reason. */
export class FrameError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Frame<Header> {
  header: Header;
  /** The payload as the pieces it arrived in (TLS records): never copied into one buffer. */
  payload: Buffer[] | undefined;
}

const PREFIX_BYTES = 8;

/** `u32 headerLength | u32 payloadLength | header JSON | payload`, as two buffers so payloads are not copied. */
export function encodeFrame(header: { type: string } & Record<string, unknown>, payload?: Buffer): Buffer[] {
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
  prefix.writeUInt32BE(json.length, 0);
  prefix.writeUInt32BE(payload?.length ?? 0, 4);
  const head = Buffer.concat([prefix, json]);
  return payload && payload.length > 0 ? [head, payload] : [head];
}

/**
 * Cuts a byte stream into validated frames. Lengths are checked against the limits before any
 * byte of the body is buffered, so a hostile peer cannot make us hold more than one frame.
 */
export class FrameDecoder<Header extends { type: string }> {
  private pieces: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly schema: z.ZodType<Header>) {}

  get bufferedBytes(): number {
    return this.buffered;
  }

  push(data: Buffer): Frame<Header>[] {
    this.pieces.push(data);
    this.buffered += data.length;
    const frames: Frame<Header>[] = [];
    for (;;) {
      if (this.buffered < PREFIX_BYTES) return frames;
      const prefix = this.peek(PREFIX_BYTES);
      const headerLength = prefix.readUInt32BE(0);
      const payloadLength = prefix.readUInt32BE(4);
      if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) {
        throw new FrameError('frame_too_large', `frame header of ${headerLength} bytes (limit ${MAX_HEADER_BYTES})`);
      }
      if (payloadLength > MAX_CHUNK_BYTES) {
        throw new FrameError('frame_too_large', `frame payload of ${payloadLength} bytes (limit ${MAX_CHUNK_BYTES})`);
      }
      const total = PREFIX_BYTES + headerLength + payloadLength;
      if (this.buffered < total) return frames;
      const head = this.take(PREFIX_BYTES + headerLength);
      const header = this.parse(head, headerLength, payloadLength);
      frames.push({ header, payload: payloadLength > 0 ? this.takePieces(payloadLength) : undefined });
    }
  }

  private parse(head: Buffer, headerLength: number, payloadLength: number): Header {
    let json: unknown;
    try {
      json = JSON.parse(head.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerLength));
    } catch {
      throw new FrameError('bad_frame', 'frame header is not JSON');
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type) : '?';
      throw new FrameError('bad_frame', `invalid ${type.slice(0, 40)} frame: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const header = parsed.data;
    const declared = 'length' in header && header.type === 'chunk' ? Number(header.length) : 0;
    if (declared !== payloadLength) {
      throw new FrameError('bad_frame', `${header.type} frame declares ${declared} bytes but carries ${payloadLength}`);
    }
    return header;
  }

  private peek(length: number): Buffer {
    const first = this.pieces[0] as Buffer;
    if (first.length >= length) return first.subarray(0, length);
    let count = 1;
    for (let have = first.length; have < length; count += 1) have += (this.pieces[count] as Buffer).length;
    this.pieces.splice(0, count, Buffer.concat(this.pieces.slice(0, count)));
    return (this.pieces[0] as Buffer).subarray(0, length);
  }

  private takePieces(length: number): Buffer[] {
    const out: Buffer[] = [];
    let left = length;
    while (left > 0) {
      const piece = this.pieces[0] as Buffer;
      if (piece.length <= left) {
        out.push(piece);
        this.pieces.shift();
        left -= piece.length;
      } else {
        out.push(piece.subarray(0, left));
        this.pieces[0] = piece.subarray(left);
        left = 0;
      }
    }
    this.buffered -= length;
    return out;
  }

  private take(length: number): Buffer {
    const first = this.pieces[0] as Buffer;
    if (first.length >= length) {
      const out = first.subarray(0, length);
      if (first.length === length) this.pieces.shift();
      else this.pieces[0] = first.subarray(length);
      this.buffered -= length;
      return out;
    }
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const piece = this.pieces[0] as Buffer;
      const need = length - filled;
      if (piece.length <= need) {
        piece.copy(out, filled);
        filled += piece.length;
        this.pieces.shift();
      } else {
        piece.copy(out, filled, 0, need);
        this.pieces[0] = piece.subarray(need);
        filled += need;
      }
    }
    this.buffered -= length;
    return out;
  }
}
