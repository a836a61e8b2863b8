package dev.airlock.cli;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.PatchFailedException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code airlock policy drift} and {@code suggest} on runs of the sql-analyst sample to which one tool scope the
 * run never needs was added ({@code resources/drift/README.md} says how the committed run was recorded): the scope
 * is listed, suggest removes exactly it, and the result validates. Bad input is one located line and exit 2.
 */
class PolicyCommandTest {

    static final Path FIXTURE = Path.of("src", "test", "resources", "drift");
    static final Path TOPOLOGY = FIXTURE.resolve("sql-analyst-drift.yaml");
    static final Path EVENTS = FIXTURE.resolve("sql-analyst-drift.events.jsonl");
    /** The only line suggest may change: the analyst's scope, less the deliberately unused 'web'. */
    static final String SCOPED = "    tools: [db, web]\n";
    static final String LEAST = "    tools: [db]\n";

    @TempDir
    Path dir;

    @Test
    void driftOfTheRecordedRunListsTheUnusedScopeAndTheRefusals() {
        CliRun run = CliRun.of("policy", "drift", EVENTS.toString(), TOPOLOGY.toString());

        GoldenOutput.assertMatches("sql-analyst-drift.drift.txt", run.out());
        assertThat(run.out()).contains("tool scope   analyst: web").contains("sql.read-only");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void suggestOnTheRecordedRunRemovesExactlyTheUnusedScopeAndTheResultValidates() throws Exception {
        CliRun run = CliRun.of("policy", "suggest", EVENTS.toString(), TOPOLOGY.toString());

        GoldenOutput.assertMatches("sql-analyst-drift.suggest.diff", run.out());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.FINDINGS);
        assertSuggestionIsExactlyTheScopeCut(TOPOLOGY, run.out());
    }

    @Test
    void theDiffAppliesWithPatchToo() throws IOException, InterruptedException {
        Path copy = Files.copy(TOPOLOGY, dir.resolve("t.yaml"));
        Path diff = Files.writeString(dir.resolve("t.diff"),
                CliRun.of("policy", "suggest", EVENTS.toString(), copy.toString()).out());

        assertThat(patch(copy, diff)).isZero();
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(TOPOLOGY).replace(SCOPED, LEAST));
        assertThat(CliRun.of("validate", copy.toString()).exitCode()).isZero();
    }

    @Test
    void aCrlfTopologysDiffKeepsItsLineEndsAndApplies() throws IOException, InterruptedException {
        String crlf = Files.readString(TOPOLOGY).replace("\n", "\r\n");
        Path copy = Files.writeString(dir.resolve("crlf.yaml"), crlf);
        String diff = CliRun.of("policy", "suggest", EVENTS.toString(), copy.toString()).out();
        assertThat(diff).contains("-" + SCOPED.replace("\n", "\r\n"), "+" + LEAST.replace("\n", "\r\n"));

        assertThat(patch(copy, Files.writeString(dir.resolve("crlf.diff"), diff))).isZero();
        assertThat(Files.readString(copy)).isEqualTo(crlf.replace(SCOPED.replace("\n", "\r\n"),
                LEAST.replace("\n", "\r\n")));
    }

    @Test
    void outputMayReplaceTheTopologyItselfKeepingItsPermissions() throws IOException {
        Path copy = Files.copy(TOPOLOGY, dir.resolve("t.yaml"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));

        CliRun run = CliRun.of("policy", "suggest", EVENTS.toString(), copy.toString(), "-o", copy.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(copy)).isEqualTo(Files.readString(TOPOLOGY).replace(SCOPED, LEAST));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r-----");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void outputWritesTheSuggestedTopologyInstead() throws IOException {
        Path out = dir.resolve("least.yaml");

        CliRun run = CliRun.of("policy", "suggest", EVENTS.toString(), TOPOLOGY.toString(), "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(TOPOLOGY).replace(SCOPED, LEAST));
        assertThat(CliRun.of("validate", out.toString()).exitCode()).isZero();
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    /** The Must-show: recorded here and now on the real engine, the run still leaves 'web' unused and only it. */
    @Test
    void aFreshRunOnTheRealEngineGivesTheSameSuggestion() throws Exception {
        ProbeCommandTest.requireEngine();
        Path sample = CommandLineTest.sampleTopologies().stream()
                .filter(p -> p.getFileName().toString().equals("sql-analyst.yaml")).findFirst().orElseThrow()
                .getParent();
        for (String f : List.of("rules.yaml", "shop.sql", "sql-analyst.expected.yaml")) {
            Files.copy(sample.resolve(f), dir.resolve(f));
        }
        Path topology = Files.copy(TOPOLOGY, dir.resolve("sql-analyst-drift.yaml"));
        Path events = dir.resolve("run.events.jsonl");
        CliRun recorded = CliRun.of("run", topology.toString(), "--expect",
                dir.resolve("sql-analyst.expected.yaml").toString(), "--events", events.toString());
        assertThat(recorded.exitCode()).as(recorded.out() + recorded.err()).isZero();

        CliRun drift = CliRun.of("policy", "drift", events.toString(), topology.toString());
        CliRun suggest = CliRun.of("policy", "suggest", events.toString(), topology.toString());

        assertThat(drift.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(drift.out()).contains("tool scope   analyst: web").doesNotContain("pipe  ", "model scope");
        assertThat(suggest.exitCode()).as(suggest.err()).isEqualTo(ExitCode.FINDINGS);
        assertSuggestionIsExactlyTheScopeCut(topology, suggest.out());
    }

    @Test
    void badEventsAreOneLocatedLineAndExit2() throws IOException {
        Path binary = Files.write(dir.resolve("binary.jsonl"), new byte[]{'{', '"', 0, 7});
        Path huge = dir.resolve("huge.jsonl");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(64L * 1024 * 1024 + 1); // sparse: no disk, one byte over the limit
        }
        Path notEvents = Files.writeString(dir.resolve("topology.jsonl"), Files.readString(TOPOLOGY));

        assertOneLine(dir.resolve("missing.jsonl"), TOPOLOGY, "missing.jsonl: ");
        assertOneLine(binary, TOPOLOGY, "binary.jsonl: is binary, not text (a NUL byte at offset 2)");
        assertOneLine(huge, TOPOLOGY, "huge.jsonl: ");
        assertOneLine(notEvents, TOPOLOGY, "topology.jsonl:1: not JSON");
    }

    @Test
    void eventsOfAnotherTopologyAreOneLocatedLineAndExit2() throws IOException {
        Path other = CommandLineTest.sampleTopologies().stream()
                .filter(p -> p.getFileName().toString().equals("research-assistant.yaml")).findFirst().orElseThrow();

        assertOneLine(EVENTS, other, "sql-analyst-drift.events.jsonl:4: agent 'analyst' is not in topology "
                + "'research-assistant'");
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineAndNothingIsWritten() {
        Path out = dir.resolve("no-such-dir").resolve("least.yaml");

        CliRun run = CliRun.of("policy", "suggest", EVENTS.toString(), TOPOLOGY.toString(), "-o", out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("airlock: -o: cannot write");
        assertThat(dir).isEmptyDirectory();
    }

    /** GNU patch's exit code for applying {@code diff} to {@code file}; skips when there is no patch program. */
    private static int patch(Path file, Path diff) throws IOException, InterruptedException {
        Process patch;
        try {
            patch = new ProcessBuilder("patch", "--quiet", file.toString(), diff.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no 'patch' program to apply the diff with: " + e.getMessage());
            return -1;
        }
        String said = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = patch.waitFor();
        assertThat(said).as("patch said").isEmpty();
        return code;
    }

    private static void assertOneLine(Path events, Path topology, String expected) {
        for (String command : List.of("drift", "suggest")) {
            CliRun run = CliRun.of("policy", command, events.toString(), topology.toString());
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(ExitCode.INVALID_INPUT);
            List<String> problems = run.errLines().stream().filter(l -> l.startsWith("airlock: ")).toList();
            assertThat(problems).as(run.err()).singleElement().asString().contains(expected);
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
            assertThat(run.out()).isEmpty();
        }
    }

    /** Applies the printed diff to the topology: the result is it less 'web' in the analyst's scope, and valid. */
    private void assertSuggestionIsExactlyTheScopeCut(Path topology, String diff) throws IOException,
            PatchFailedException {
        String original = Files.readString(topology);
        var patch = UnifiedDiffUtils.parseUnifiedDiff(diff.lines().toList());
        String applied = String.join("\n", patch.applyTo(original.lines().toList())) + "\n";

        assertThat(applied).isEqualTo(original.replace(SCOPED, LEAST));
        Path suggested = Files.writeString(dir.resolve("suggested.yaml"), applied);
        CliRun validate = CliRun.of("validate", suggested.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.err()).as("the unused scope was what made the analyst a way out").isEmpty();
    }
}
