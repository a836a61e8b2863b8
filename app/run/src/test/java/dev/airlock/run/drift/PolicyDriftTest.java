package dev.airlock.run.drift;

import dev.airlock.core.topology.Topology;
import dev.airlock.run.RunException;
import dev.airlock.run.Topologies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Policy drift on hand-written runs: what counts as used, what is refused, and how unused entries are cut out of
 * the text in each way YAML (and JSON) can write a list.
 */
class PolicyDriftTest {

    static final String TOPOLOGY = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata:
              name: drift-fixture
            models:
              - id: llm
                backend: scripted
              - id: big
                backend: scripted
            tools:
              - id: db
                type: sql
              - id: web
                type: http.fetch
                allow:
                  - docs.example.test
                  - host: api.example.test
                    paths: [/v1/**]
            agents:
              - id: a
                image: airlock/agent-java
                models: [llm, big]
                tools:
                  - db      # the one it uses
                  # web is for later
                  - web
              - id: b
                image: airlock/agent-java
                models: [llm]
            pipes:
              - from: user
                to: a
                direction: both
              # a hands work to b
              - from: a
                to: b
                kinds: [task]   # only tasks
              - {from: b, to: user}
            """;

    static final List<String> RUN = List.of(
            decision("user", "send", "a", "user<->a", "deliver", ""),
            decision("a", "model.complete", "llm", "", "deliver", ""),
            decision("a", "tool.call", "db", "", "block", "sql.read-only"),
            decision("a", "tool.call", "db", "", "deliver", ""),
            decision("a", "tool.call", "?", "", "block", "scope.tool"),
            decision("a", "model.complete", "gpt", "", "block", "scope.model"),
            decision("b", "send", "a", "", "block", "pathway.direction"),
            decision("b", "send", "user", "b->user", "deliver", ""),
            "{\"type\":\"sandbox.stats\",\"agentId\":\"a\",\"cpuPercent\":0.0}");

    @TempDir
    Path dir;

    @Test
    void listsRefusalsByAgentAndRuleAndWhatWasNeverUsedInFileOrder() throws IOException {
        Drift drift = drift(TOPOLOGY, RUN).drift();

        assertThat(drift.refusals()).containsExactly(
                new Refusal("a", "scope.model", 1, List.of("gpt"), 6),
                new Refusal("a", "scope.tool", 1, List.of("?"), 5),
                new Refusal("a", "sql.read-only", 1, List.of("db"), 3),
                new Refusal("b", "pathway.direction", 1, List.of("a"), 7));
        assertThat(drift.unused()).extracting(a -> a.kind().text() + " " + a.describe() + " @" + a.location().line()
                + ":" + a.location().column() + (a.removable() ? "" : " kept")).containsExactly(
                "egress web: docs.example.test @16:9 kept",
                "egress web: api.example.test [/v1/**] @17:9 kept",
                "model scope a: big @22:19",
                "tool scope a: web @26:9",
                "model scope b: llm @29:14",
                "pipe a->b @35:5");
        assertThat(drift.none()).isFalse();
    }

    @Test
    void suggestionCutsExactlyTheUnusedEntriesAndKeepsEverythingElse() throws IOException {
        String suggested = drift(TOPOLOGY, RUN).suggested();

        assertThat(suggested).isEqualTo(TOPOLOGY
                .replace("models: [llm, big]", "models: [llm]")
                .replace("      - web\n", "")
                .replace("    models: [llm]\npipes", "    models: []\npipes")
                .replace("  - from: a\n    to: b\n    kinds: [task]   # only tasks\n", ""));
        assertValid(suggested);
    }

    @Test
    void aBlockListLeftEmptyBecomesAnEmptyFlowListAfterItsKey() throws IOException {
        String topology = TOPOLOGY.replace("  - {from: b, to: user}\n", "")
                .replace("    models: [llm]\npipes", "    models: [llm]\n    tools: web\npipes");
        List<String> run = List.of(decision("a", "model.complete", "llm", "", "deliver", ""));

        String suggested = drift(topology, run).suggested();

        assertThat(suggested).contains("pipes: []\n", "  # a hands work to b\n", "    tools: []\n")
                .doesNotContain("from:", "- db", "- web");
        assertValid(suggested);
    }

    @Test
    void aJsonTopologyIsEditedAsTextToo() throws IOException {
        String json = """
                {"apiVersion": "airlock.dev/v1alpha1", "kind": "Topology", "metadata": {"name": "j"},
                 "models": [{"id": "llm", "backend": "scripted"}],
                 "agents": [{"id": "a", "image": "airlock/agent-java", "models": ["llm"]},
                            {"id": "b", "image": "airlock/agent-java"}],
                 "pipes": [{"from": "user", "to": "a"}, {"from": "a", "to": "b"}]}
                """;
        Path file = dir.resolve("t.json");
        Files.writeString(file, json);
        PolicyDrift drift = PolicyDrift.of(file, Topologies.loadValid(file), events(List.of(
                decision("user", "send", "a", "user->a", "deliver", ""))));

        assertThat(drift.suggested()).isEqualTo(json.replace("\"models\": [\"llm\"]", "\"models\": []")
                .replace(", {\"from\": \"a\", \"to\": \"b\"}", ""));
    }

    @Test
    void aRunThatUsedEverythingAndWasRefusedNothingHasNoDrift() throws IOException {
        String topology = TOPOLOGY.replace("models: [llm, big]", "models: [llm]").replace("      - web\n", "")
                .replace("    models: [llm]\npipes", "    models: []\npipes")
                .replace("  - from: a\n    to: b\n    kinds: [task]   # only tasks\n", "");
        List<String> run = RUN.stream().filter(l -> !l.contains("\"block\"")).toList();

        PolicyDrift drift = drift(topology.replace("  - id: web\n    type: http.fetch\n    allow:\n"
                + "      - docs.example.test\n      - host: api.example.test\n        paths: [/v1/**]\n", ""), run);

        assertThat(drift.drift().none()).as("%s", drift.drift()).isTrue();
        assertThat(drift.suggested()).isEqualTo(drift.original());
    }

    @Test
    void aCallMarksEveryEntryThatCoversItAndACalledToolsAllowlistIsOnlyANote() throws IOException {
        String topology = TOPOLOGY.replace("      - db      # the one it uses\n",
                "      - db      # the one it uses\n      - db/write\n");
        List<String> run = List.of(decision("a", "tool.call", "db", "", "deliver", ""),
                decision("a", "tool.call", "web", "", "block", "egress.path"));

        Drift drift = drift(topology, run).drift();

        assertThat(drift.unused()).extracting(Allowance::describe).doesNotContain("a: db", "a: db/write", "a: web")
                .noneMatch(d -> d.startsWith("web: "));
        assertThat(drift.notes()).containsExactly("tool web: the events do not record URLs, so which of its 2 "
                + "allowlist entries were used is unknown");
        assertThat(drift.refusals()).containsExactly(new Refusal("a", "egress.path", 1, List.of("web"), 2));
    }

    @Test
    void aListSharedThroughAnAnchorIsNotCutButNamed() throws IOException {
        String topology = TOPOLOGY.replace("    models: [llm, big]\n", "    models: &both [llm, big]\n")
                .replace("    models: [llm]\npipes", "    models: *both\npipes");

        assertThatThrownBy(() -> drift(topology, RUN).suggested()).isInstanceOf(RunException.class)
                .hasMessageMatching(".*t\\.yaml:22:13: cannot cut an unused entry out of a list shared through "
                        + "anchor '&both'.*");
    }

    @Test
    void eventsOfAnotherTopologyAreOneLocatedLine() throws IOException {
        List<String> run = List.of(RUN.get(0), decision("c", "send", "a", "", "block", "pathway.undeclared"));

        assertThatThrownBy(() -> drift(TOPOLOGY, run)).isInstanceOf(RunException.class)
                .hasMessageMatching(".*events\\.jsonl:2: agent 'c' is not in topology 'drift-fixture' \\(.*t\\.yaml\\): "
                        + "were these events recorded from another topology\\?");
        List<String> otherPipe = List.of(decision("user", "send", "a", "user->a", "deliver", ""));
        assertThatThrownBy(() -> drift(TOPOLOGY, otherPipe)).hasMessageContaining("events.jsonl:1: pipe 'user->a' is not");
    }

    @Test
    void unreadableEventsAreOneLocatedLine() throws IOException {
        assertThatThrownBy(() -> drift(TOPOLOGY, List.of(RUN.get(0), "{\"type\": ", RUN.get(1))))
                .isInstanceOf(RunException.class).hasMessageMatching(".*events\\.jsonl:2: not JSON .*");
        assertThatThrownBy(() -> drift(TOPOLOGY, List.of("[1, 2]")))
                .hasMessageMatching(".*events\\.jsonl:1: not an event \\(no \"type\"\\).*");
        assertThatThrownBy(() -> drift(TOPOLOGY, List.of("{\"type\":\"gate.decision\",\"agent\":\"a\"}")))
                .hasMessageMatching(".*events\\.jsonl:1: a gate.decision without a text \"frame\".*");
        assertThatThrownBy(() -> drift(TOPOLOGY, List.of("", "  ")))
                .hasMessageMatching(".*events\\.jsonl:1: holds no events.*");
        Path binary = dir.resolve("binary.jsonl");
        Files.write(binary, new byte[]{'{', 0, 1, 2});
        assertThatThrownBy(() -> EventsFile.read(binary)).isInstanceOf(RunException.class)
                .hasMessageEndingWith("binary.jsonl: is binary, not text (a NUL byte at offset 1)");
        assertThatThrownBy(() -> EventsFile.read(dir.resolve("missing.jsonl"))).isInstanceOf(RunException.class)
                .hasMessageContaining("missing.jsonl");
    }

    private PolicyDrift drift(String topology, List<String> run) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, topology);
        Topology t = Topologies.loadValid(file);
        return PolicyDrift.of(file, t, events(run));
    }

    private Path events(List<String> run) throws IOException {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, run);
        return events;
    }

    private void assertValid(String text) throws IOException {
        Path file = dir.resolve("suggested.yaml");
        Files.writeString(file, text);
        Topologies.Checked checked = Topologies.check(file);
        assertThat(checked.hasErrors()).as("%s", checked.problems()).isFalse();
    }

    static String decision(String agent, String frame, String target, String pipe, String action, String rule) {
        return "{\"type\":\"gate.decision\",\"monotonicNanos\":1,\"wallMillis\":2,\"agent\":\"" + agent
                + "\",\"frame\":\"" + frame + "\",\"target\":\"" + target + "\",\"kind\":\"\",\"pipe\":\"" + pipe
                + "\",\"action\":\"" + action + "\",\"rule\":\"" + rule + "\",\"reason\":\"\",\"findings\":[]}";
    }
}
