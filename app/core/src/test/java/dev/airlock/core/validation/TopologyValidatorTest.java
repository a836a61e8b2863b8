package dev.airlock.core.validation;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.problem.Severity;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.Samples;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyValidatorTest {

    private static final String HEAD = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: t}
            """;

    private static List<String> problems(String body) {
        LoadResult r = TopologyReader.parse("t.yaml", (HEAD + body).getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("form problems").isEmpty();
        return new TopologyValidator(Catalog.BUILTIN).validate(r.topology(), r.sources()).stream()
                .map(Problem::format).toList();
    }

    @Test
    void samplesHaveNoErrors() {
        for (Path sample : Samples.topologies()) {
            LoadResult r = TopologyReader.read(sample);
            assertThat(r.problems()).as(sample.toString()).isEmpty();
            assertThat(new TopologyValidator(Catalog.BUILTIN).validate(r.topology(), r.sources()))
                    .as(sample.toString()).noneMatch(Problem::isError);
        }
    }

    @Test
    void danglingReferencesSuggestTheClosestName() {
        assertThat(problems("""
                tools:
                  - {id: web, type: http.fetch, allow: [docs.example.org]}
                agents:
                  - id: planner
                    image: x
                    tools: [wbe]
                pipes:
                  - {from: user, to: planer}
                """)).containsExactly(
                "t.yaml:9:13: error: unknown tool 'wbe' in scope (hint: did you mean 'web'?)",
                "t.yaml:11:22: error: pipe names unknown party 'planer' (hint: did you mean 'planner'?)");
    }

    @Test
    void duplicateIdsAcrossKindsPointAtTheSecond() {
        assertThat(problems("""
                tools:
                  - {id: x, type: files}
                agents:
                  - {id: x, image: i}
                """)).containsExactly(
                "t.yaml:7:10: error: duplicate id 'x' (already used by the tool)"
                        + " (hint: ids are shared by agents, tools, models and the user)");
    }

    @Test
    void contradictionsAreErrors() {
        assertThat(problems("""
                tools:
                  - {id: web, type: http.fetch}
                  - {id: db, type: sql, image: postgres}
                  - {id: mail, type: mcp}
                agents:
                  - {id: a, image: i, build: {path: x.jar}, resources: {memory: 8Mi, tmpfs: 16Mi}}
                pipes:
                  - {from: a, to: a}
                  - {from: a, to: web}
                """)).containsExactly(
                "t.yaml:5:5: error: http.fetch tool 'web' allows no host, so it can fetch nothing"
                        + " (hint: add 'allow: [docs.example.org]'; egress is denied by default)",
                "t.yaml:6:32: error: 'sql' is a gate-side built-in; 'image' and 'command' are only for type mcp",
                "t.yaml:7:5: error: MCP tool 'mail' needs an 'image' to run in"
                        + " (hint: MCP servers run in a hardened container of their own)",
                "t.yaml:9:30: error: agent 'a' sets both 'image' and 'build'; choose one",
                "t.yaml:9:77: error: tmpfs 16Mi is larger than the memory limit 8Mi it counts against",
                "t.yaml:11:19: error: pipe from 'a' to itself",
                "t.yaml:12:19: error: pipes join agents and the user; 'web' is a tool"
                        + " (hint: give the agent the tool in its 'tools' scope instead)");
    }

    @Test
    void loosenedSandboxIsARiskNotAnError() {
        List<String> found = problems("""
                agents:
                  - id: a
                    image: i
                    sandbox: {network: bridge, readOnlyRoot: false, user: "0:0", capAdd: [NET_RAW]}
                """);
        assertThat(found).hasSize(4).allMatch(l -> l.startsWith("t.yaml:7:14: risk: agent 'a' loosens its sandbox: "));
        assertThat(String.join("\n", found)).contains("network 'bridge'", "writable root", "root", "NET_RAW");
    }

    @Test
    void aSandboxUserMustBeNumericForTheGateToCheckItsPeers() {
        assertThat(problems("""
                agents:
                  - id: a
                    image: i
                    sandbox: {user: node}
                """)).containsExactly("t.yaml:7:21: error: sandbox user 'node' is not a numeric uid or uid:gid (hint: "
                + "the gate admits a connection only from the agent's own uid, which it must know; leave 'user' out "
                + "to give the agent one of its own)");
        assertThat(problems("""
                agents:
                  - {id: a, image: i, sandbox: {user: "1000:1000"}}
                """)).isEmpty();
    }

    @Test
    void eachLooseningIsOneRiskLineCarryingItsKind() {
        LoadResult r = TopologyReader.parse("t.yaml", (HEAD + """
                agents:
                  - id: a
                    image: i
                    sandbox: {network: bridge, readOnlyRoot: false, user: "0", capAdd: [NET_RAW],
                              noNewPrivileges: false, seccomp: unconfined}
                """).getBytes(StandardCharsets.UTF_8));
        List<Problem> found = new TopologyValidator(Catalog.BUILTIN).validate(r.topology(), r.sources());
        String at = "t.yaml:7:14: risk: agent 'a' loosens its sandbox: ";
        assertThat(found).map(Problem::format).containsExactly(
                at + "network 'bridge' instead of 'none': the agent can reach the network without the gate",
                at + "writable root filesystem: the agent can alter its own image",
                at + "runs as root inside the container",
                at + "adds capabilities [NET_RAW]",
                at + "allows privilege escalation (no-new-privileges off)",
                at + "seccomp unconfined: every system call is allowed");
        assertThat(found).map(Problem::risk).containsExactlyElementsOf(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(SandboxRisk.Kind.SECCOMP_ENGINE_DEFAULT)));
    }

    @Test
    void errorsCarryNoRiskKind() {
        List<Problem> found = new TopologyValidator(Catalog.BUILTIN).validate(TopologyReader.parse("t.yaml", (HEAD + """
                agents:
                  - {id: a, image: i, tools: [nothing]}
                """).getBytes(StandardCharsets.UTF_8)).topology(), dev.airlock.core.topology.io.SourceMap.none("t"));
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.risk()).isNull();
        });
    }

    @Test
    void secretsInEnvironmentAreRefused() {
        assertThat(problems("""
                agents:
                  - {id: a, image: i, env: {OPENAI_API_KEY: sk-123, LOG_LEVEL: debug}}
                """)).containsExactly("t.yaml:5:45: error: environment variable 'OPENAI_API_KEY' looks like a"
                + " credential; secrets never enter a container"
                + " (hint: give the gate a credential reference on the model or tool instead)");
    }

    @Test
    void exfiltrationTrifectaIsFlagged() {
        List<Problem> found = new TopologyValidator(Catalog.BUILTIN).validate(TopologyReader.parse("t.yaml", (HEAD + """
                tools:
                  - {id: web, type: http.fetch, allow: [a.example], traits: [untrusted-content]}
                  - {id: crm, type: sql, traits: [private-data]}
                  - {id: mail, type: mcp, image: m, traits: [external-send]}
                agents:
                  - {id: all, image: i, tools: [web, crm, mail]}
                  - {id: reader, image: i, tools: [web]}
                """).getBytes(StandardCharsets.UTF_8)).topology(), dev.airlock.core.topology.io.SourceMap.none("t"));
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.RISK);
            assertThat(p.element()).isEqualTo("agent:all");
            assertThat(p.message()).contains("untrusted content", "private data", "send data out");
            assertThat(p.risk()).isEqualTo(TopologyRisk.EXFILTRATION);
        });
    }

    @Test
    void guardrailsMustExistAndCompile() {
        assertThat(problems("""
                guardrails:
                  - {id: codename, pattern: "falcon(", action: block}
                  - {id: pii, pattern: "x", action: mask}
                  - {id: toxicity, action: block}
                pipes:
                  - {from: user, to: user, guardrails: [pi]}
                """)).contains(
                "t.yaml:5:29: error: pattern does not compile: Unclosed group near index 7",
                "t.yaml:6:10: error: custom guardrail 'pii' has the name of a built-in one"
                        + " (hint: rename it, or drop 'pattern' to tune the built-in)");
        assertThat(problems("""
                pipes:
                  - {from: user, to: user, guardrails: [pi]}
                """)).contains("t.yaml:5:41: error: unknown guardrail 'pi' (hint: did you mean 'pii'?)");
    }

    @Test
    void scopeQualifiersAndAllowlistEntries() {
        assertThat(problems("""
                tools:
                  - {id: web, type: http.fetch, allow: [docs.example.org, "*.example.org", "127.0.0.1", "10.0.0.0/8", "a b"]}
                  - {id: notes, type: files}
                  - {id: db, type: sql}
                  - {id: mail, type: mcp, image: m}
                agents:
                  - {id: a, image: i, tools: [notes/write, db/write, mail/send_email, web/write, notes/delete]}
                """)).containsExactly(
                "t.yaml:5:103: error: 'a b' is neither a host name nor an address range"
                        + " (hint: e.g. 'docs.example.org', '*.example.org', '127.0.0.1' or '10.0.0.0/8')",
                "t.yaml:10:71: error: 'web/write': only MCP tools take a '/name' filter, and only files and sql tools"
                        + " a '/write' grant",
                "t.yaml:10:82: error: 'notes/delete': only MCP tools take a '/name' filter, and only files and sql"
                        + " tools a '/write' grant");
    }

    @Test
    void scopeEntriesThatAreNotToolOperationOrWriteAreReportedWhereTheyAre() {
        assertThat(problems("""
                tools:
                  - {id: notes, type: files}
                  - {id: mail, type: mcp, image: m}
                agents:
                  - {id: a, image: i, tools: ["", notes/, /write, mail/a/b, notes]}
                """)).containsExactly(
                "t.yaml:8:31: error: '' is not a tool scope entry (hint: write 'tool', 'tool/operation' or"
                        + " 'tool/write')",
                "t.yaml:8:35: error: 'notes/' is not a tool scope entry (hint: write 'tool', 'tool/operation' or"
                        + " 'tool/write')",
                "t.yaml:8:43: error: '/write' is not a tool scope entry (hint: write 'tool', 'tool/operation' or"
                        + " 'tool/write')",
                "t.yaml:8:51: error: 'mail/a/b' is not a tool scope entry (hint: write 'tool', 'tool/operation' or"
                        + " 'tool/write')");
    }
}
