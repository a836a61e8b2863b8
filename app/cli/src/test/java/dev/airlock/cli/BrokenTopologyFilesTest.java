package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of broken topology gets exit code 2 and only located one-line messages, never a stack trace.
 * The files under {@code broken/} carry the lines they must produce as {@code # expect:} comments.
 */
class BrokenTopologyFilesTest {

    static Stream<Path> brokenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(BrokenTopologyFilesTest.class.getResource("/broken").toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsEveryExpectedProblemAndExitsTwo(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("# expect: "))
                .map(l -> file + ":" + l.substring("# expect: ".length()))
                .toList();
        assertThat(expected).as("the file states what it expects").isNotEmpty();

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertOnlyLocatedLines(run, file);
        for (String line : expected) {
            String location = line.substring(0, line.indexOf(": "));
            String message = line.substring(line.indexOf(": ") + 2);
            assertThat(run.errLines()).as(run.err()).anyMatch(l -> l.startsWith(location + ": error: " + message));
        }
        assertThat(run.errLines()).as("no unexpected problems").hasSize(expected.size());
    }

    static Stream<HostileFile> hostileFiles() {
        byte[] big = new byte[5 * 1024 * 1024];
        Arrays.fill(big, (byte) '#');
        return Stream.of(
                new HostileFile("empty.yaml", new byte[0], "file is empty"),
                new HostileFile("binary.yaml", new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1}, "binary data"),
                new HostileFile("latin1.yaml", "metadata: {name: caf\u00e9}".getBytes(StandardCharsets.ISO_8859_1),
                        "not valid UTF-8"),
                new HostileFile("laughs.yaml", billionLaughs(), "alias bomb"),
                new HostileFile("deep.yaml", ("a: " + "[".repeat(5000)).getBytes(StandardCharsets.UTF_8), "nested deeper"),
                new HostileFile("deep.json", ("{\"a\":" + "[".repeat(5000)).getBytes(StandardCharsets.UTF_8), "JSON"),
                new HostileFile("huge.yaml", big, "is larger than 4 MiB, the most a topology may be"));
    }

    record HostileFile(String name, byte[] content, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFilesGetOneLocatedLine(HostileFile hostile, @TempDir Path dir) throws IOException {
        Path file = dir.resolve(hostile.name());
        Files.write(file, hostile.content());

        CliRun run = CliRun.of("validate", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertOnlyLocatedLines(run, file);
        assertThat(run.errLines()).singleElement().asString().contains(hostile.expected());
    }

    @Test
    void missingFileAndDirectoryAreLocatedToo(@TempDir Path dir) {
        CliRun run = CliRun.of("validate", dir.resolve("nope.yaml").toString(), dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(
                dir.resolve("nope.yaml") + ":1:1: error: no such file",
                dir + ":1:1: error: is a directory, not a file");
    }

    private static void assertOnlyLocatedLines(CliRun run, Path file) {
        assertThat(run.errLines()).as(run.err()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .startsWith(file.toString() + ":")
                .matches(".+:\\d+:\\d+: (error|risk): \\S.*")
                .doesNotContain("Exception", "\tat "));
    }

    private static byte[] billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [").append(("*" + p + ", ").repeat(8)).append('*').append(p).append("]\n");
        }
        return y.toString().getBytes(StandardCharsets.UTF_8);
    }
}
