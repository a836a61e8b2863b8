package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.GuardrailSpec.Mask;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyReaderTest {

    private static LoadResult parse(String yaml) {
        return TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> lines(LoadResult r) {
        return r.problems().stream().map(Problem::format).toList();
    }

    private static final String HEAD = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: t}
            """;

    @Test
    void bindsEverySection() {
        LoadResult r = parse(HEAD + """
                defaults:
                  resources: {memory: 64Mi}
                  rate: {perSecond: 5, burst: 10}
                agents:
                  - id: a
                    image: airlock/agent-java
                    resources: {cpus: 0.5, pids: 32}
                    restart: on-failure
                  - id: b
                    image: airlock/agent-java
                pipes:
                  - {from: a, to: b, direction: both, kinds: [task, result]}
                """);
        assertThat(r.problems()).isEmpty();
        Topology t = r.topology();
        AgentSpec a = t.agent("a").orElseThrow();
        assertThat(a.effectiveResources(t.defaults()).memory()).isEqualTo(ByteSize.ofMebibytes(64));
        assertThat(a.effectiveResources(t.defaults()).cpus()).isEqualTo(0.5);
        assertThat(a.restart().maxRestarts()).isEqualTo(3);
        PipeSpec p = t.pipes().get(0);
        assertThat(p.allows("b", "a", "result")).isTrue();
        assertThat(p.allows("b", "a", "other")).isFalse();
        assertThat(t.defaults().rate().burst()).isEqualTo(10);
    }

    @Test
    void reportsEveryProblemOfFormAtOnceWithLocations() {
        LoadResult r = parse(HEAD + """
                agents:
                  - id: a
                    imgae: x
                    resources: {memory: lots, cpus: many}
                    tools: {web: true}
                  - description: no id
                pipes:
                  - from: a
                """);
        assertThat(lines(r)).containsExactlyInAnyOrder(
                "t.yaml:6:5: error: unknown field 'imgae' in agent 'a' (hint: did you mean 'image'?)",
                "t.yaml:7:25: error: 'memory': 'lots' is not a size (use e.g. 64Mi, 1Gi, 512Ki or bytes)",
                "t.yaml:7:37: error: 'cpus' must be a number, not the text 'many'",
                "t.yaml:8:12: error: 'tools' must be a list, not a map",
                "t.yaml:9:5: error: missing required field 'id' in agent '#1'",
                "t.yaml:11:5: error: missing required field 'to' in pipe '#0'");
    }

    @Test
    void duplicateKeysPointAtTheSecond() {
        LoadResult r = parse(HEAD + """
                agents:
                  - id: a
                    image: x
                    image: y
                """);
        assertThat(lines(r)).containsExactly(
                "t.yaml:7:5: error: 'image' is set twice in the same map (first at line 6)");
    }

    @Test
    void yamlSyntaxErrorIsOneLocatedLine() {
        LoadResult r = parse(HEAD + "agents:\n  - id: a\n   image: [unclosed\n");
        assertThat(r.topology()).isNull();
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).format()).matches("t\\.yaml:\\d+:\\d+: error: YAML syntax: .+");
    }

    @Test
    void jsonIsReadWithLocationsToo() {
        LoadResult r = TopologyReader.parse("t.json", """
                {"apiVersion": "airlock.dev/v1alpha1", "kind": "Topology", "metadata": {"name": "t"},
                 "agents": [{"id": "a", "image": "x", "tols": []}]}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(lines(r)).containsExactly(
                "t.json:2:39: error: unknown field 'tols' in agent 'a' (hint: did you mean 'tools'?)");
    }

    @Test
    void wrongApiVersionAndKindAreNamed() {
        LoadResult r = parse("apiVersion: v2\nkind: Pod\nmetadata: {name: t}\n");
        assertThat(lines(r)).containsExactly(
                "t.yaml:1:13: error: unsupported apiVersion 'v2'; this Airlock reads airlock.dev/v1alpha1",
                "t.yaml:2:7: error: kind must be 'Topology', not 'Pod'");
    }

    @Test
    void aDocumentThatIsNotAMapIsOneProblem() {
        LoadResult r = parse("- just\n- a list\n");
        assertThat(lines(r)).containsExactly("t.yaml:1:1: error: a topology must be a map, not a list");
    }

    @Test
    void guardrailMaskStyleIsReadAndOnlyANonDefaultOneWritten() {
        LoadResult r = parse(HEAD + """
                guardrails:
                  - {id: pii, action: mask, mask: label}
                  - {id: codename, pattern: bluebird, action: mask, mask: hash}
                  - {id: secrets, action: mask}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.topology().guardrails()).extracting(GuardrailSpec::mask)
                .containsExactly(Mask.LABEL, Mask.HASH, Mask.PARTIAL);
        String yaml = TopologyWriter.toYaml(r.topology());
        assertThat(yaml).contains("mask: label").contains("mask: hash").doesNotContain("mask: partial");
    }

    @Test
    void badMaskStyleIsOneLocatedLineNamingTheChoices() {
        LoadResult r = parse(HEAD + """
                guardrails:
                  - {id: pii, action: mask, mask: lable}
                """);
        assertThat(lines(r)).containsExactly("t.yaml:5:35: error: 'mask' must be one of partial, label, hash, "
                + "not 'lable' (hint: did you mean 'label'?)");
    }

    @Test
    void seccompIsReadAsItsProfileAndWrittenBackAsTheSameWord() {
        LoadResult r = parse(HEAD + """
                agents:
                  - {id: a, image: i, sandbox: {seccomp: unconfined}}
                  - {id: b, image: i, sandbox: {seccomp: default}}
                  - {id: c, image: i}
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.topology().agents()).extracting(a -> a.sandbox().seccomp())
                .containsExactly(Seccomp.UNCONFINED, Seccomp.DEFAULT, null);
        String yaml = TopologyWriter.toYaml(r.topology());
        assertThat(yaml).contains("seccomp: unconfined", "seccomp: default");
        assertThat(parse(yaml).topology()).isEqualTo(r.topology());
    }

    @Test
    void badSeccompIsOneLocatedLineNamingTheProfiles() {
        LoadResult r = parse(HEAD + """
                agents:
                  - {id: a, image: i, sandbox: {seccomp: off}}
                  - {id: b, image: i, sandbox: {seccomp: Strict}}
                """);
        assertThat(lines(r)).containsExactly(
                "t.yaml:5:42: error: 'seccomp' must be one of default, strict, unconfined, not 'off'",
                "t.yaml:6:42: error: 'seccomp' must be one of default, strict, unconfined, not 'Strict'"
                        + " (hint: did you mean 'strict'?)");
    }
}
