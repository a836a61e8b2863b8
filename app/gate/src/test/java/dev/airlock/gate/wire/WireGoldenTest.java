package dev.airlock.gate.wire;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gate's codec against the shared wire corpus ({@code docs/protocol/golden}), which the agent SDK's codec and
 * the documented Python client are held to as well: same bytes, same messages, same refusals.
 */
class WireGoldenTest {

    static Stream<WireCorpus.Golden> frames() {
        return WireCorpus.frames();
    }

    static Stream<WireCorpus.Rejected> rejected() {
        return WireCorpus.rejected();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void readsTheGoldenBytesAsTheMessage(WireCorpus.Golden golden) throws Exception {
        Frame frame = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME).read(new ByteArrayInputStream(golden.wire()));

        // Key order too: it is what makes the encoding unique.
        assertThat(frame.header().asMap()).containsExactlyEntriesOf(golden.header().asMap());
        assertThat(frame.body()).isEqualTo(golden.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void writesTheMessageAsExactlyTheGoldenBytes(WireCorpus.Golden golden) {
        byte[] wire = FrameCodec.encode(new Frame(golden.header(), golden.body()));

        assertThat(HexFormat.of().formatHex(wire)).isEqualTo(HexFormat.of().formatHex(golden.wire()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void refusesTheRejectedFramesWithTheirCode(WireCorpus.Rejected rejected) {
        FrameException e = catchThrowableOfType(FrameException.class,
                () -> new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME).read(new ByteArrayInputStream(rejected.wire())));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(rejected.code());
        assertThat(e.fatal()).as("closes the connection").isEqualTo(rejected.closes());
    }
}
