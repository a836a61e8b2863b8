package dev.airlock.gate.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes protocol v1 frames: {@code u32 frame_len | u16 header_len | header JSON | body}. Length limits
 * are checked before anything is allocated; the header must be a flat JSON object in valid UTF-8.
 */
public final class FrameCodec {

    public static final int DEFAULT_MAX_FRAME = 1 << 20;
    static final int MAX_HEADER_KEYS = 64;
    static final int MAX_LIST_ITEMS = 1024;

    /**
     * Strict on reading. On writing, control characters are escaped with lower-case hex digits, as the agent SDK and
     * Python's json module write them, so every codec puts the same header on the wire byte for byte
     * (docs/protocol/golden).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private final int maxFrame;

    public FrameCodec(int maxFrame) {
        if (maxFrame < 16) {
            throw new IllegalArgumentException("max frame must be at least 16 bytes");
        }
        this.maxFrame = maxFrame;
    }

    public int maxFrame() {
        return maxFrame;
    }

    /**
     * Reads one frame, or returns null on a clean end of stream before a frame starts.
     *
     * @throws FrameException for a frame the gate refuses; {@link FrameException#fatal()} when the stream is lost
     */
    public Frame read(InputStream in) throws IOException, FrameException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        long frameLen = ((long) b0 << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8) | readByte(in);
        if (frameLen > maxFrame) {
            throw new FrameException("frame_too_large", "frame of " + frameLen + " bytes exceeds the limit of "
                    + maxFrame, true);
        }
        if (frameLen < 2) {
            throw new FrameException("malformed_frame", "frame length " + frameLen + " leaves no room for a header"
                    + " length", true);
        }
        int headerLen = (readByte(in) << 8) | readByte(in);
        if (headerLen == 0 || headerLen > frameLen - 2) {
            throw new FrameException("malformed_frame", "header length " + headerLen + " does not fit a frame of "
                    + frameLen + " bytes", true);
        }
        byte[] headerBytes = in.readNBytes(headerLen);
        byte[] body = in.readNBytes((int) frameLen - 2 - headerLen);
        if (headerBytes.length != headerLen || body.length != frameLen - 2 - headerLen) {
            throw new EOFException("stream ended inside a frame");
        }
        return new Frame(parseHeader(headerBytes), body);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame prefix");
        }
        return b;
    }

    /** Parses a header; it must be a flat JSON object whose values are scalars or lists of strings. */
    public static Header parseHeader(byte[] bytes) throws FrameException {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("header is not a JSON object");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (values.size() >= MAX_HEADER_KEYS) {
                    throw malformed("header has more than " + MAX_HEADER_KEYS + " keys");
                }
                values.put(key, value(p, p.nextToken(), key));
            }
            if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw malformed("header has trailing content");
            }
            if (!(values.get("t") instanceof String)) {
                throw malformed("header lacks a string \"t\"");
            }
            return Header.of(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's messages quote the offending input; the reason goes to logs and audit, so only the place.
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw malformed("header is not valid UTF-8 JSON" + (column > 0 ? " (at byte " + column + ")" : ""));
        } catch (IOException e) {
            throw malformed("header is not valid UTF-8 JSON");
        }
    }

    private static Object value(JsonParser p, JsonToken token, String key) throws IOException, FrameException {
        return switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
                    throw malformed("header value \"" + key + "\" is out of range");
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw malformed("header value \"" + key + "\" is not a finite number");
                }
                yield d;
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> throw malformed("header value \"" + key + "\" is null");
            case START_ARRAY -> {
                List<String> items = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    if (items.size() >= MAX_LIST_ITEMS) {
                        throw malformed("header list \"" + key + "\" is too long");
                    }
                    items.add(p.getText());
                }
                if (t != JsonToken.END_ARRAY) {
                    throw malformed("header list \"" + key + "\" holds something other than strings");
                }
                yield List.copyOf(items);
            }
            default -> throw malformed("header value \"" + key + "\" is nested; headers are flat");
        };
    }

    private static FrameException malformed(String reason) {
        return new FrameException("malformed_header", reason, false);
    }

    public static byte[] encodeHeader(Header header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : header.asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                switch (e.getValue()) {
                    case String s -> g.writeString(s);
                    case Long l -> g.writeNumber(l);
                    case Double d -> g.writeNumber(d);
                    case Boolean b -> g.writeBoolean(b);
                    case List<?> list -> {
                        g.writeStartArray();
                        for (Object o : list) {
                            g.writeString(String.valueOf(o));
                        }
                        g.writeEndArray();
                    }
                    default -> throw new IllegalStateException("unexpected header value " + e.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The prefix and header of a frame whose body is sent separately (a gathering write). */
    public static byte[] encodeHead(Header h, int bodyLength) {
        byte[] header = encodeHeader(h);
        if (header.length > 0xFFFF) {
            throw new IllegalArgumentException("header longer than 65535 bytes");
        }
        int frameLen = 2 + header.length + bodyLength;
        byte[] out = new byte[6 + header.length];
        out[0] = (byte) (frameLen >>> 24);
        out[1] = (byte) (frameLen >>> 16);
        out[2] = (byte) (frameLen >>> 8);
        out[3] = (byte) frameLen;
        out[4] = (byte) (header.length >>> 8);
        out[5] = (byte) header.length;
        System.arraycopy(header, 0, out, 6, header.length);
        return out;
    }

    /** The whole frame, prefix included, as one array so a writer can send it with a single write. */
    public static byte[] encode(Frame frame) {
        byte[] body = frame.body();
        byte[] head = encodeHead(frame.header(), body.length);
        byte[] out = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    public static void write(OutputStream out, Frame frame) throws IOException {
        out.write(encode(frame));
        out.flush();
    }
}
