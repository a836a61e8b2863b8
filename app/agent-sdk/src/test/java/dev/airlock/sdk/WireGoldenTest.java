package dev.airlock.sdk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The SDK's codec against the shared wire corpus ({@code docs/protocol/golden}), which the gate's codec and the
 * documented Python client are held to as well: same bytes, same messages, and every malformed frame refused.
 */
class WireGoldenTest {

    static Stream<Path> frames() {
        return files("frames");
    }

    static Stream<Path> rejected() {
        return files("rejected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void readsTheGoldenBytesAsTheMessage(Path file) throws IOException {
        Map<?, ?> golden = read(file);

        Frame frame = FrameCodec.read(new ByteArrayInputStream(wire(golden)), FrameCodec.DEFAULT_MAX_FRAME);

        // Key order too: it is what makes the encoding unique.
        assertThat(frame.header()).containsExactlyEntriesOf(header(golden));
        assertThat(frame.bodyText()).isEqualTo(golden.get("body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void writesTheMessageAsExactlyTheGoldenBytes(Path file) {
        Map<?, ?> golden = read(file);
        byte[] body = ((String) golden.get("body")).getBytes(StandardCharsets.UTF_8);

        byte[] wire = FrameCodec.encode(new Frame(header(golden), body));

        assertThat(HexFormat.of().formatHex(wire)).isEqualTo(golden.get("wire"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void refusesTheRejectedFrames(Path file) {
        Map<?, ?> rejected = read(file);

        Throwable refusal = catchThrowable(() -> FrameCodec.read(new ByteArrayInputStream(wire(rejected)),
                FrameCodec.DEFAULT_MAX_FRAME));

        // The SDK has no error codes to answer with; it refuses by failing the read, and not as a short stream.
        assertThat(refusal).as("what the gate refuses with %s", rejected.get("code")).isInstanceOf(IOException.class)
                .isNotInstanceOf(EOFException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<?, ?> golden) {
        return (Map<String, Object>) golden.get("header");
    }

    private static byte[] wire(Map<?, ?> golden) {
        return HexFormat.of().parseHex((String) golden.get("wire"));
    }

    /** Read with the SDK's own JSON reader: the SDK has no other, and an agent needs nothing but the JDK. */
    private static Map<?, ?> read(Path file) {
        try {
            return (Map<?, ?>) Json.read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(String kind) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("docs/protocol/golden"))) {
            dir = dir.getParent();
        }
        try (Stream<Path> s = Files.list(dir.resolve("docs/protocol/golden").resolve(kind))) {
            List<Path> json = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(json).as("golden %s", kind).isNotEmpty();
            return json.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
