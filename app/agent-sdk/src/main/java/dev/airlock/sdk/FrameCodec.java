package dev.airlock.sdk;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Wire protocol v1 framing: {@code u32 frame_len | u16 header_len | header JSON | body}, big-endian. Frames larger
 * than the limit are refused before any allocation of their size.
 */
public final class FrameCodec {

    public static final int DEFAULT_MAX_FRAME = 1 << 20;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        byte[] header = Json.write(frame.header()).getBytes(StandardCharsets.UTF_8);
        if (header.length > 0xFFFF) {
            throw new IllegalArgumentException("header longer than 65535 bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + 2 + header.length + frame.body().length);
        buf.putInt(2 + header.length + frame.body().length);
        buf.putShort((short) header.length);
        buf.put(header);
        buf.put(frame.body());
        return buf.array();
    }

    public static void write(OutputStream out, Frame frame) throws IOException {
        out.write(encode(frame));
        out.flush();
    }

    /** Reads one frame; returns null at a clean end of stream (between frames). */
    public static Frame read(InputStream in, int maxFrame) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedShort());
        if (length < 2 || length > maxFrame) {
            throw new IOException("frame of " + Integer.toUnsignedString(length) + " bytes is outside 2.."
                    + maxFrame);
        }
        int headerLength = data.readUnsignedShort();
        if (headerLength > length - 2) {
            throw new IOException("header length " + headerLength + " exceeds the frame");
        }
        byte[] header = new byte[headerLength];
        data.readFully(header);
        byte[] body = new byte[length - 2 - headerLength];
        data.readFully(body);
        Map<String, Object> values;
        try {
            // Decoded strictly: the gate refuses a header that is not UTF-8, so a reader must not patch it up.
            values = Json.readHeader(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header)).toString());
        } catch (CharacterCodingException e) {
            throw new IOException("header is not valid UTF-8", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (!(values.get("t") instanceof String)) {
            throw new IOException("header lacks a string \"t\"");
        }
        return new Frame(values, body);
    }

    static Frame readFully(InputStream in, int maxFrame) throws IOException {
        Frame f = read(in, maxFrame);
        if (f == null) {
            throw new EOFException("the gate closed the pipe");
        }
        return f;
    }
}
