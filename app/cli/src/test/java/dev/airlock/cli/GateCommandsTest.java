package dev.airlock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.Gate;
import dev.airlock.gate.GateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock scan}, {@code airlock replay} and {@code airlock bench gate}, run as a user runs them. */
class GateCommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: cli-gate}
            user: {id: alice}
            agents:
              - {id: planner, image: airlock/agent-java}
              - {id: writer, image: airlock/agent-java}
            pipes:
              - {from: alice, to: planner, direction: both}
              - {from: alice, to: writer}
            """;

    @TempDir
    Path dir;

    static CliRun withStdin(byte[] stdin, String... args) {
        InputStream previous = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return CliRun.of(args);
        } finally {
            System.setIn(previous);
        }
    }

    static CliRun scan(String text, String... args) {
        List<String> all = new ArrayList<>(List.of("scan"));
        all.addAll(List.of(args));
        return withStdin(text.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    @Test
    void benignTextIsAllowedWithExitZero() throws Exception {
        CliRun run = scan("Release 2.14.3 ships on 2024-05-17; order #100234567.");
        assertThat(run.exitCode()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("action").asText()).isEqualTo("allow");
        assertThat(json.get("findings")).isEmpty();
    }

    @Test
    void spacedOutSsnIsMaskedAndExplained() throws Exception {
        CliRun run = scan("my ssn is 4 1 1 - 2 2 - 6 7 8 9 thanks", "--explain");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("action").asText()).isEqualTo("mask");
        JsonNode f = json.get("findings").get(0);
        assertThat(f.get("detector").asText()).isEqualTo("pii");
        assertThat(f.get("rule").asText()).isEqualTo("pii.ssn");
        assertThat(f.get("step").asText()).isEqualTo("collapse");
        assertThat(f.get("explanation").asText()).contains("spacing");
        assertThat(json.get("text").asText()).isEqualTo("my ssn is ***-**-6789 thanks");
        assertThat(run.out()).doesNotContain("4 1 1");
    }

    @Test
    void withoutExplainNoStepIsShown() throws Exception {
        CliRun run = scan("key QUtJQUlPU0ZPRE5ON0VYQU1QTEU=");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("action").asText()).isEqualTo("block");
        assertThat(json.get("findings").get(0).has("step")).isFalse();
        assertThat(json.get("findings").get(0).get("rule").asText()).isEqualTo("secrets.aws-access-key");
    }

    @Test
    void topologyGuardrailsChangeActionsAndAddPatterns() throws Exception {
        Path t = Files.writeString(dir.resolve("t.yaml"), TOPOLOGY + """
                guardrails:
                  - {id: pii, action: block}
                  - {id: codename, pattern: "(?i)bluebird", action: ask}
                """);
        JsonNode ssn = JSON.readTree(scan("ssn 411-22-3333", "--topology", t.toString()).out());
        assertThat(ssn.get("action").asText()).isEqualTo("block");
        CliRun custom = scan("status of BlueBird", "--topology", t.toString());
        assertThat(custom.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(JSON.readTree(custom.out()).get("action").asText()).isEqualTo("ask");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun bytes = withStdin(new byte[]{'a', (byte) 0xC3, (byte) 0x28}, "scan");
        assertThat(bytes.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(bytes.errLines()).containsExactly("airlock: stdin: not valid UTF-8 text");
        CliRun missing = scan("x", "--topology", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).doesNotContain("Exception");
    }

    @Test
    void replayShowsWhatANewPolicyWouldChange() throws Exception {
        Path capture = dir.resolve("run.capture");
        try (Gate gate = Gate.start(TopologyReader.parse("t.yaml", TOPOLOGY.getBytes(StandardCharsets.UTF_8))
                .topology(), GateOptions.builder().capture(capture).build())) {
            gate.user().send("planner", "message", "plan a trip to Lisbon");
            gate.user().send("planner", "message", "my card is 4111 1111 1111 1111");
            gate.user().send("writer", "message", "draft the itinerary");
        }
        assertThat(Files.getPosixFilePermissions(capture)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        Path same = Files.writeString(dir.resolve("same.yaml"), TOPOLOGY);
        CliRun unchanged = CliRun.of("replay", capture.toString(), "--topology", same.toString());
        assertThat(unchanged.exitCode()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("3 frames replayed: 0 now refused, 0 now allowed, 0 decided "
                + "differently, 3 unchanged");

        Path stricter = Files.writeString(dir.resolve("stricter.yaml"), TOPOLOGY
                .replace("  - {from: alice, to: writer}\n", "")
                + "guardrails:\n  - {id: pii, action: block}\n");
        CliRun changed = CliRun.of("replay", capture.toString(), "--topology", stricter.toString());
        assertThat(changed.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(changed.out()).contains("@@ #2 alice send -> planner [message]: now refused @@")
                .contains("- mask pii.card").contains("+ block pii.card")
                .contains("@@ #3 alice send -> writer [message]: now refused @@")
                .contains("+ block pathway.undeclared")
                .contains("3 frames replayed: 2 now refused, 0 now allowed, 0 decided differently, 1 unchanged");
        assertThat(changed.out()).doesNotContain("4111");
    }

    @Test
    void replayRejectsABrokenCaptureWithItsLine() throws Exception {
        Path capture = Files.writeString(dir.resolve("bad.capture"), "{\"seq\":1}\nnot json\n");
        Path t = Files.writeString(dir.resolve("t.yaml"), TOPOLOGY);
        CliRun run = CliRun.of("replay", capture.toString(), "--topology", t.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).hasSize(1).first().asString().contains("bad.capture:1:");
    }

    @Test
    void benchGatePrintsTheDocumentedJsonShape() throws Exception {
        CliRun run = CliRun.of("bench", "gate", "--json", "--messages", "60");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode row : json.get("results")) {
            sizes.add(row.get("payload_bytes").asInt());
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("payload_bytes", "raw_p50_us", "raw_p99_us", "raw_msgs_per_s",
                    "policy_p50_us", "policy_p99_us", "policy_msgs_per_s", "full_p50_us", "full_p99_us",
                    "full_msgs_per_s");
            assertThat(row.get("raw_msgs_per_s").asDouble()).isPositive();
            assertThat(row.get("full_p99_us").asDouble()).isGreaterThanOrEqualTo(row.get("full_p50_us").asDouble());
        }
        assertThat(sizes).containsExactly(256, 4096, 65536);
        assertThat(json.get("ratios")).hasSize(3);
        assertThat(json.get("shared_core").isBoolean()).isTrue();
    }

    @Test
    void benchAloneListsItsSubcommands() {
        CliRun run = CliRun.of("bench");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("gate");
    }
}
