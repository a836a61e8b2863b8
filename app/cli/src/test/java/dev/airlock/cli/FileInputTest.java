package dev.airlock.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every command and option that reads a file, given what a careless or hostile user might give it: a missing
 * file, a directory, a device without end, a pipe nobody writes to, 100 MB, binary, not UTF-8. Each gets exit 2,
 * a line that names the file and what is wrong with it, and no stack trace; none may hang (the timeout is a guard
 * against a hang, not a measure). Files it cannot read for want of permission are {@link FileInputIT}'s, which
 * runs the jar as another user; the files commands write are {@link #outputCases}'.
 */
class FileInputTest {

    static final Path SAMPLE = Path.of("..", "..", "samples", "sql-analyst", "sql-analyst.yaml").toAbsolutePath()
            .normalize();
    /** Generous: a pipe with no writer is given up on after 5 s, and this machine may be busy. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    static Path dir;
    static Path emptyCapture;

    /** One way of handing a file to the CLI; {@code args} puts the file where this slot takes it. */
    record Slot(String name, Function<Path, String[]> args) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A bad input; {@code expected} is a fragment every reader's message for it shares. */
    record Bad(String name, String expected) {
        @Override
        public String toString() {
            return name;
        }

        Path file() {
            return switch (name) {
                case "missing" -> dir.resolve("missing.yaml");
                case "directory" -> dir;
                case "device" -> Path.of("/dev/zero");
                default -> dir.resolve(name);
            };
        }
    }

    /**
     * @param capture a valid (empty) capture, for the slots where the topology is the bad file
     * @param png where ui would write a screenshot it must never get to
     */
    static List<Slot> inputSlots(Path capture, Path png) {
        String sample = SAMPLE.toString();
        String events = PolicyCommandTest.EVENTS.toAbsolutePath().toString();
        return List.of(
                new Slot("validate FILE", f -> new String[] {"validate", f.toString()}),
                new Slot("run FILE", f -> new String[] {"run", f.toString()}),
                new Slot("run --expect FILE", f -> new String[] {"run", sample, "--expect", f.toString()}),
                new Slot("run --scenario FILE", f -> new String[] {"run", sample, "--scenario", f.toString()}),
                new Slot("scan --topology FILE", f -> new String[] {"scan", "--topology", f.toString()}),
                new Slot("replay FILE", f -> new String[] {"replay", f.toString(), "--topology", sample}),
                new Slot("replay --topology FILE",
                        f -> new String[] {"replay", capture.toString(), "--topology", f.toString()}),
                new Slot("ui FILE", f -> new String[] {"ui", f.toString(), "--screenshot",
                        png.toString()}),
                new Slot("policy drift EVENTS", f -> new String[] {"policy", "drift", f.toString(), sample}),
                new Slot("policy drift EVENTS FILE", f -> new String[] {"policy", "drift", events, f.toString()}),
                new Slot("policy suggest EVENTS", f -> new String[] {"policy", "suggest", f.toString(), sample}),
                new Slot("policy suggest EVENTS FILE",
                        f -> new String[] {"policy", "suggest", events, f.toString()}),
                new Slot("threat-model FILE", f -> new String[] {"threat-model", f.toString(), "-o",
                        png.resolveSibling("never.md").toString()}));
    }

    static List<Bad> badInputs() {
        return List.of(
                new Bad("missing", "no such file"),
                new Bad("directory", "is a directory"),
                new Bad("device", "is larger than"),
                new Bad("fifo", "a pipe with no writer"),
                new Bad("huge", "is larger than"),
                new Bad("binary", "binary"),
                new Bad("latin1", "UTF-8"));
    }

    static Stream<Object[]> inputCases() {
        List<Object[]> cases = new ArrayList<>();
        for (Slot slot : inputSlots(emptyCapture, dir.resolve("never.png"))) {
            for (Bad bad : badInputs()) {
                cases.add(new Object[] {slot, bad});
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void files() throws Exception {
        dir = Files.createTempDirectory("airlock-file-input");
        emptyCapture = Files.createFile(dir.resolve("empty.capture"));
        try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge").toFile(), "rw")) {
            // Sparse: 100 MB to every reader, nothing on disk.
            huge.setLength(100_000_000L);
        }
        Files.write(dir.resolve("binary"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        Files.write(dir.resolve("latin1"), "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor()).isZero();
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("fifo-out").toString()).start().waitFor()).isZero();
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("inputCases")
    void aBadInputFileIsOneClearLine(Slot slot, Bad bad) {
        CliRun run = runGuarded(slot.args().apply(bad.file()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertOneClearLine(run, bad.file(), bad.expected());
    }

    static Stream<Object[]> outputCases() {
        Path sample = SAMPLE;
        List<Object[]> cases = new ArrayList<>();
        for (String option : List.of("--events", "--trace", "--capture", "--screenshot")) {
            cases.add(new Object[] {option, "a directory", dir, "is a directory"});
            cases.add(new Object[] {option, "a device", Path.of("/dev/null"), "is not a regular file"});
            cases.add(new Object[] {option, "a pipe", dir.resolve("fifo-out"), "is not a regular file"});
            cases.add(new Object[] {option, "a missing directory", dir.resolve("nope/x.jsonl"),
                    "directory " + dir.resolve("nope") + " does not exist"});
        }
        cases.forEach(c -> c[0] = new String[] {c[0].equals("--screenshot") ? "ui" : "run", sample.toString(),
                (String) c[0], c[2].toString()});
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("outputCases")
    void aFileThatCannotBeWrittenIsAUsageErrorBeforeAnythingStarts(String[] args, String what, Path file,
                                                                    String expected) {
        CliRun run = runGuarded(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).as(run.err()).singleElement().asString()
                .startsWith("airlock: " + args[2] + ": ").contains(file.toString(), expected);
    }

    /** Runs with an empty stdin (scan reads it first) under the hang guard. */
    static CliRun runGuarded(String... args) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            InputStream stdin = System.in;
            System.setIn(new ByteArrayInputStream(new byte[0]));
            try {
                return CliRun.of(args);
            } finally {
                System.setIn(stdin);
            }
        }, () -> "airlock " + String.join(" ", args) + " did not end");
    }

    /**
     * The first line names the file and the fault; a run's one summary line may follow. No stack trace, no
     * internal error.
     */
    static void assertOneClearLine(CliRun run, Path file, String expected) {
        assertThat(run.errLines()).as(run.err()).isNotEmpty().hasSizeLessThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).doesNotContain("Exception", "\tat ", "internal error"));
        assertThat(run.errLines().get(0)).as(run.err())
                .matches("(airlock: )?" + java.util.regex.Pattern.quote(file.toString()) + "(:\\d+:\\d+: error)?: .*")
                .contains(expected);
    }
}
