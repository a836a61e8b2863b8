package dev.airlock.core.file;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding that refuses what is not UTF-8 instead of replacing it, and says at which byte, so a message can
 * point at it. A leading byte-order mark is dropped, as editors on Windows write one.
 */
public final class StrictUtf8 {

    /** The input is not UTF-8 from {@link #offset()} on. */
    public static final class MalformedException extends Exception {
        private final int offset;
        private final int value;

        private MalformedException(int offset, int value) {
            super("not UTF-8 at byte " + offset, null, false, false);
            this.offset = offset;
            this.value = value;
        }

        public int offset() {
            return offset;
        }

        /** The offending byte, 0–255. */
        public int value() {
            return value;
        }
    }

    private StrictUtf8() {
    }

    public static String decode(byte[] bytes) throws MalformedException {
        try {
            String text = decoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            decoder().decode(in, CharBuffer.allocate(bytes.length + 1), true);
            int bad = Math.min(in.position(), bytes.length - 1);
            throw new MalformedException(bad, bytes[bad] & 0xff);
        }
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
