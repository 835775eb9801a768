import { crc32 } from 'node:zlib';
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
  /** CRC-32 of the payload, computed as it arrived. */
  payloadCrc32: number;
}

export const PREFIX_BYTES = 8;

/** The largest frame a decoder takes; a frame announcing more ends the stream before any of it is kept. */
export interface FrameLimits {
  headerBytes: number;
  payloadBytes: number;
  /** Said in the refusal, e.g. "before a verified hello". */
  context?: string;
}

export const FRAME_LIMITS: FrameLimits = { headerBytes: MAX_HEADER_BYTES, payloadBytes: MAX_CHUNK_BYTES };

/** `u32 headerLength | u32 payloadLength | header JSON | payload`, as two buffers so payloads are not copied. */
export function encodeFrame<Header extends { type: string }>(header: Header, payload?: Buffer): Buffer[] {
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
  prefix.writeUInt32BE(json.length, 0);
  prefix.writeUInt32BE(payload?.length ?? 0, 4);
  const head = Buffer.concat([prefix, json]);
  return payload && payload.length > 0 ? [head, payload] : [head];
}

/** Sees each payload piece as it arrives (still in the CPU cache), before the frame is complete. */
export type PayloadPieceHook<Header> = (header: Header, position: number, piece: Buffer) => void;

interface PayloadInProgress<Header> {
  header: Header;
  length: number;
  received: number;
  pieces: Buffer[];
  crc: number;
}

/**
 * Cuts a byte stream into validated frames. Lengths and the header are checked before any byte
 * of the payload is kept, so a hostile peer cannot make us hold more than one frame. Payloads
 * are kept as the pieces they arrived in and checksummed (CRC-32) on arrival.
 */
export class FrameDecoder<Header extends { type: string }> {
  private pieces: Buffer[] = [];
  private buffered = 0;
  private payload: PayloadInProgress<Header> | undefined;

  constructor(
    private readonly schema: z.ZodType<Header>,
    private readonly onPayloadPiece?: PayloadPieceHook<Header>,
    /** Checked on each frame's lengths before its bytes are kept; may change between frames. */
    public limits: FrameLimits = FRAME_LIMITS,
  ) {}

  get bufferedBytes(): number {
    return this.buffered + (this.payload?.received ?? 0);
  }

  push(data: Buffer): Frame<Header>[] {
    const frames: Frame<Header>[] = [];
    let input: Buffer | undefined = data;
    for (;;) {
      if (this.payload && input) input = this.receivePayload(input, frames);
      if (this.payload) return frames; // waiting for more payload; input is used up
      if (input) {
        this.pieces.push(input);
        this.buffered += input.length;
        input = undefined;
      }
      if (this.buffered < PREFIX_BYTES) return frames;
      const prefix = this.peek(PREFIX_BYTES);
      const headerLength = prefix.readUInt32BE(0);
      const payloadLength = prefix.readUInt32BE(4);
      const { headerBytes, payloadBytes, context } = this.limits;
      const when = context ? ` ${context}` : '';
      if (headerLength === 0 || headerLength > headerBytes) {
        throw new FrameError('frame_too_large', `frame header of ${headerLength} bytes (limit ${headerBytes}${when})`);
      }
      if (payloadLength > payloadBytes) {
        throw new FrameError(
          'frame_too_large',
          `frame payload of ${payloadLength} bytes (limit ${payloadBytes}${when})`,
        );
      }
      if (this.buffered < PREFIX_BYTES + headerLength) return frames;
      const header = this.parse(this.take(PREFIX_BYTES + headerLength), headerLength, payloadLength);
      if (payloadLength === 0) {
        frames.push({ header, payload: undefined, payloadCrc32: 0 });
        continue;
      }
      this.payload = { header, length: payloadLength, received: 0, pieces: [], crc: 0 };
      // Bytes already buffered behind the header are payload: feed them through.
      const rest = this.pieces;
      this.pieces = [];
      this.buffered = 0;
      for (const piece of rest) {
        const left = this.payload ? this.receivePayload(piece, frames) : piece;
        if (left) {
          this.pieces.push(left);
          this.buffered += left.length;
        }
      }
    }
  }

  /** Adds payload bytes; returns what is left of `data` after the payload ended. */
  private receivePayload(data: Buffer, frames: Frame<Header>[]): Buffer | undefined {
    const payload = this.payload as PayloadInProgress<Header>;
    const take = Math.min(payload.length - payload.received, data.length);
    const piece = take === data.length ? data : data.subarray(0, take);
    payload.crc = crc32(piece, payload.crc);
    this.onPayloadPiece?.(payload.header, payload.received, piece);
    payload.pieces.push(piece);
    payload.received += take;
    if (payload.received === payload.length) {
      frames.push({ header: payload.header, payload: payload.pieces, payloadCrc32: payload.crc });
      this.payload = undefined;
    }
    return take < data.length ? data.subarray(take) : undefined;
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
