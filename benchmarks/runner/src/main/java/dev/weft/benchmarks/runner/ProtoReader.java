package dev.weft.benchmarks.runner;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format in place over a byte array, field by field: just enough to walk an OTLP
 * message without generated classes (and without materialising the fields nobody asks for).
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  /** Thrown on bytes that are not a well-formed protobuf message. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  private final byte[] bytes;
  private final int start;
  private final int limit;
  private int position;
  private int tag;
  private int valueStart; // of the current length-delimited field
  private int valueEnd;

  ProtoReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.start = offset;
    this.position = offset;
    this.limit = offset + length;
  }

  /** Advances to the next field; false at the end of the message. */
  boolean next() throws MalformedException {
    if (position >= limit) {
      return false;
    }
    long key = varint();
    if (key >>> 32 != 0 || (key >>> 3) == 0) {
      throw new MalformedException("bad field key " + key);
    }
    tag = (int) key;
    valueStart = valueEnd = -1;
    if (wireType() == LENGTH_DELIMITED) {
      long length = varint();
      if (length < 0 || length > limit - position) {
        throw new MalformedException("length " + length + " runs past the message");
      }
      valueStart = position;
      valueEnd = position + (int) length;
    }
    return true;
  }

  int field() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  /** The current varint field's value. */
  long varintValue() throws MalformedException {
    if (wireType() != VARINT) {
      throw new MalformedException("field " + field() + " is not a varint");
    }
    return varint();
  }

  /** The current length-delimited field as a nested message. */
  ProtoReader message() throws MalformedException {
    requireLengthDelimited();
    ProtoReader nested = new ProtoReader(bytes, valueStart, valueEnd - valueStart);
    position = valueEnd;
    return nested;
  }

  /** The current length-delimited field as UTF-8 text. */
  String string() throws MalformedException {
    requireLengthDelimited();
    String value = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
    position = valueEnd;
    return value;
  }

  /** Skips the current field's value. */
  void skip() throws MalformedException {
    switch (wireType()) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> position = valueEnd;
      case FIXED32 -> advance(4);
      default -> throw new MalformedException("unsupported wire type " + wireType());
    }
  }

  /** Back to the first field, for a second pass over the same message. */
  void rewind() {
    position = start;
  }

  private void requireLengthDelimited() throws MalformedException {
    if (wireType() != LENGTH_DELIMITED) {
      throw new MalformedException("field " + field() + " is not length-delimited");
    }
  }

  private void advance(int count) throws MalformedException {
    if (count > limit - position) {
      throw new MalformedException("truncated fixed-width field");
    }
    position += count;
  }

  private long varint() throws MalformedException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) {
        throw new MalformedException("truncated varint");
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new MalformedException("varint longer than 10 bytes");
  }
}
