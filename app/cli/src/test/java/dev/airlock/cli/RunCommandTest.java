package dev.airlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.event.EventSink;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock run} on the real engine: a full run, Ctrl-C, and kill -9 followed by a new run. */
class RunCommandTest {

    static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: echoes}
            agents:
              - {id: echo1, image: airlock/agent-java}
              - {id: echo2, image: airlock/agent-java}
            pipes:
              - {from: user, to: echo1, direction: both}
              - {from: echo1, to: echo2}
            """;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void topology() throws Exception {
        ProbeCommandTest.requireEngine();
        file = dir.resolve("echoes.yaml");
        Files.writeString(file, TOPOLOGY);
    }

    static List<String> containersOf(String label, String value) {
        try (DockerSandboxRuntime rt = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            return rt.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec()
                    .stream().map(c -> c.getId()).toList();
        }
    }

    static Path runDirectory(String runId) {
        try (DockerSandboxRuntime rt = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            return rt.directories().base().resolve(runId);
        }
    }

    @Test
    void runsForADurationPrintsTheTableWritesEventsAndLeavesNothing() throws Exception {
        Path events = dir.resolve("events.jsonl");
        CliRun run = CliRun.of("run", file.toString(), "--for", "3s", "--events", events.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("AGENT", "echo1", "echo2", "stopped by host", "time in gate");
        assertThat(run.err()).contains("all 2 agents ready in");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).filteredOn(n -> n.path("type").asText().equals("sandbox.ready"))
                .extracting(n -> n.path("agentId").asText()).containsExactlyInAnyOrder("echo1", "echo2");
        assertThat(lines).anyMatch(n -> n.path("type").asText().equals("gate.decision")
                && n.path("frame").asText().equals("hello"));
        String runId = lines.get(0).path("runId").asText();
        assertThat(runId).startsWith("r");
        assertThat(lines).anyMatch(n -> n.path("type").asText().equals("sandbox.removed")
                && n.path("what").asText().equals("pipe directory"));
        assertThat(containersOf("airlock.run", runId)).isEmpty();
        assertThat(runDirectory(runId)).doesNotExist();
    }

    @Test
    void anInvalidTopologyStartsNothing() throws Exception {
        Files.writeString(file, TOPOLOGY.replace("to: echo2", "to: nobody"));
        CliRun run = CliRun.of("run", file.toString(), "--for", "1s");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("nothing was started").doesNotContain("Exception");
    }

    private Process startRun(Path events) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Airlock.class.getName(), "run", file.toString(),
                "--events", events.toString()).redirectErrorStream(true).start();
    }

    /** Reads the child's output until all agents are ready; returns the run id from its first line. */
    private static String awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String runId = null;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains("airlock: run ")) {
                runId = line.replaceAll(".*airlock: run (\\S+) .*", "$1");
            }
            if (line.contains("agents ready in")) {
                break;
            }
        }
        assertThat(line).as("the run got ready").isNotNull();
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ignored) {
                // The child ended.
            }
        });
        return runId;
    }

    @Test
    void ctrlCStopsCleanlyAndLeavesNothing() throws Exception {
        Process run = startRun(dir.resolve("ctrlc.jsonl"));
        String runId = awaitReady(run);
        assertThat(containersOf("airlock.run", runId)).hasSize(2);

        new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(containersOf("airlock.run", runId)).isEmpty();
        assertThat(runDirectory(runId)).doesNotExist();
    }

    /**
     * Every place a run keeps its tool workspace: in its run directory, or (before it moved there) a temporary
     * directory named after the run; the test must see it gone wherever it is.
     */
    static List<Path> toolWorkspaces(String runId) throws Exception {
        List<Path> found = new ArrayList<>();
        Path inRunDirectory = runDirectory(runId).resolve("tools");
        if (Files.isDirectory(inRunDirectory)) {
            found.add(inRunDirectory);
        }
        try (var tmp = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")),
                "airlock-" + runId + "-tools*")) {
            tmp.forEach(found::add);
        }
        return found;
    }

    @Test
    void afterKillDashNineTheNextRunRemovesEveryLeftover() throws Exception {
        Path events = dir.resolve("killed.jsonl");
        Process run = startRun(events);
        String runId = awaitReady(run);
        // The events file promises everything up to the last second before a crash.
        Thread.sleep(2 * EventsJsonl.FLUSH_EVERY_MILLIS);
        run.destroyForcibly();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(containersOf("airlock.run", runId)).as("killed -9: nothing cleaned up yet").hasSize(2);
        assertThat(runDirectory(runId)).isDirectory();
        assertThat(toolWorkspaces(runId)).as("killed -9: the tool workspace is still there").hasSize(1);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).as("the events file after kill -9").filteredOn(n -> n.path("type").asText()
                        .equals("gate.decision") && n.path("frame").asText().equals("hello"))
                .extracting(n -> n.path("agent").asText()).containsExactlyInAnyOrder("echo1", "echo2");
        assertThat(lines).filteredOn(n -> n.path("type").asText().equals("sandbox.ready"))
                .extracting(n -> n.path("agentId").asText()).containsExactlyInAnyOrder("echo1", "echo2");

        // Long enough for both agents to get ready on a busy machine: a run stopped before that fails them.
        CliRun next = CliRun.of("run", file.toString(), "--for", "5s");

        assertThat(next.exitCode()).as(next.err() + next.out()).isZero();
        assertThat(next.err()).containsPattern("removed \\d+ leftovers of dead runs");
        assertThat(containersOf("airlock.run", runId)).isEmpty();
        assertThat(runDirectory(runId)).doesNotExist();
        assertThat(toolWorkspaces(runId)).as("the killed run's tool workspace").isEmpty();
    }
}
