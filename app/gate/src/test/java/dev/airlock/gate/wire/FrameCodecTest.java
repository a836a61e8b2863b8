package dev.airlock.gate.wire;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    final FrameCodec codec = new FrameCodec(1024);

    @Property(tries = 500)
    void encodeThenReadIsIdentity(@ForAll("headers") Map<String, Object> values, @ForAll byte[] body) throws Exception {
        Header.Builder b = Header.type("send");
        values.forEach(b::put);
        Frame in = new Frame(b.build(), body);
        byte[] bytes = FrameCodec.encode(in);
        Frame out = new FrameCodec(1 << 20).read(new ByteArrayInputStream(bytes));
        assertThat(out.header().asMap()).isEqualTo(in.header().asMap());
        assertThat(out.body()).isEqualTo(body);
    }

    @Provide
    Arbitrary<Map<String, Object>> headers() {
        Arbitrary<String> keys = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).filter(k -> !k.equals("t"));
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(4).map(l -> (Object) List.copyOf(l)));
        return Combinators.combine(keys.list().ofMaxSize(6), values.list().ofSize(6)).as((ks, vs) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < ks.size(); i++) {
                m.put(ks.get(i), vs.get(i));
            }
            return m;
        });
    }

    @Test
    void oversizedFrameIsFatalBeforeAnyAllocation() {
        byte[] prefix = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(prefix)))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo("frame_too_large");
                    assertThat(e.fatal()).isTrue();
                });
    }

    @Test
    void headerLongerThanFrameIsFatal() {
        byte[] bytes = ByteBuffer.allocate(8).putInt(4).putShort((short) 100).putShort((short) 0).array();
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(bytes)))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.fatal()).isTrue());
    }

    @Test
    void truncatedFrameIsEndOfStreamNotAFrame() {
        byte[] full = FrameCodec.encode(Frame.of(Header.type("ping").build(), "hello"));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 2);
        assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(cut))).isInstanceOf(EOFException.class);
    }

    @Test
    void badHeadersAreRecoverable() {
        for (String h : List.of("{}", "{\"t\":null}", "{\"t\":\"x\",\"a\":[1]}", "{\"t\":\"x\",\"n\":1e400}",
                "{\"t\":\"x\",\"n\":123456789012345678901234567890}", "{\"t\":\"x\"", "\"t\"")) {
            byte[] head = h.getBytes(StandardCharsets.UTF_8);
            byte[] bytes = ByteBuffer.allocate(6 + head.length).putInt(2 + head.length).putShort((short) head.length)
                    .put(head).array();
            assertThatThrownBy(() -> codec.read(new ByteArrayInputStream(bytes))).as(h)
                    .isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.code()).isEqualTo("malformed_header");
                        assertThat(e.fatal()).isFalse();
                    });
        }
    }

    @Test
    void tooManyKeysIsRefused() {
        StringBuilder h = new StringBuilder("{\"t\":\"x\"");
        for (int i = 0; i < 70; i++) {
            h.append(",\"k").append(i).append("\":1");
        }
        byte[] head = h.append('}').toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = ByteBuffer.allocate(6 + head.length).putInt(2 + head.length).putShort((short) head.length)
                .put(head).array();
        assertThatThrownBy(() -> new FrameCodec(4096).read(new ByteArrayInputStream(bytes)))
                .hasMessageContaining("more than 64 keys");
    }

    @Test
    void cleanEndOfStreamIsNull() throws Exception {
        assertThat(codec.read(new ByteArrayInputStream(new byte[0]))).isNull();
    }
}
