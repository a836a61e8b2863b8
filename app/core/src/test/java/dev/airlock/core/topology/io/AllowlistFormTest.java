package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.PathGlob;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The egress allowlist: plain hosts, and entries that also limit paths and query parameters. */
class AllowlistFormTest {

    private static final String HEAD = """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: t}
            tools:
              - id: web
                type: http.fetch
            """;

    private static LoadResult parse(String allow) {
        return TopologyReader.parse("t.yaml", (HEAD + allow).getBytes(StandardCharsets.UTF_8));
    }

    private static List<AllowEntry> allow(String allow) {
        LoadResult r = parse(allow);
        assertThat(r.problems()).isEmpty();
        return r.topology().tool("web").orElseThrow().allow();
    }

    @Test
    void aPlainHostAllowsAnyPathAndQuery() {
        assertThat(allow("    allow: [docs.example]\n")).containsExactly(AllowEntry.host("docs.example"));
    }

    @Test
    void anEntryMayLimitPathsAndQuery() {
        assertThat(allow("""
                    allow:
                      - docs.example
                      - {host: api.example, paths: [/guide/**, /search], query: [q, lang]}
                      - {host: cdn.example, paths: /static/*, query: none}
                """)).containsExactly(
                AllowEntry.host("docs.example"),
                new AllowEntry("api.example", List.of(PathGlob.parse("/guide/**"), PathGlob.parse("/search")),
                        AllowEntry.Query.only(List.of("q", "lang"))),
                new AllowEntry("cdn.example", List.of(PathGlob.parse("/static/*")), AllowEntry.Query.NONE));
    }

    @Test
    void editingTheHostNamesKeepsTheLimitsOfHostsThatStay() {
        AllowEntry limited = new AllowEntry("api.example", List.of(PathGlob.parse("/guide/**")), AllowEntry.Query.NONE);
        ToolSpec tool = ToolSpec.of("web", ToolType.HTTP_FETCH).withAllow(List.of(AllowEntry.host("docs.example"), limited));

        ToolSpec edited = tool.withAllowedHosts(List.of("api.example", "new.example"));

        assertThat(edited.allow()).containsExactly(limited, AllowEntry.host("new.example"));
        assertThat(edited.allowedHosts()).containsExactly("api.example", "new.example");
    }

    @Test
    void mistakesAreReportedWhereTheyAreWritten() {
        assertThat(parse("""
                    allow:
                      - {host: docs.example, paths: [guide/**, /a/***], query: some}
                      - {host: b.example, path: [/x]}
                      - {paths: [/x]}
                """).problems().stream().map(Problem::format).toList()).containsExactly(
                "t.yaml:8:38: error: path pattern 'guide/**' must start with '/'",
                "t.yaml:8:48: error: path pattern '/a/***' has '***'; use '*' within a segment or '**' across",
                "t.yaml:8:64: error: 'query' must be none, any or a list of parameter names, not the text 'some'",
                "t.yaml:9:27: error: unknown field 'path' in tool 'web' (hint: did you mean 'paths'?)",
                "t.yaml:10:9: error: missing required field 'host' in tool 'web'");
    }

    @Test
    void globsMatchWithinAndAcrossSegmentsAndNeverThroughDotSegments() {
        PathGlob guide = PathGlob.parse("/guide/**");
        assertThat(guide.matches("/guide/a/b.html")).isTrue();
        assertThat(guide.matches("/guide/../admin")).isFalse();
        assertThat(guide.matches("/other")).isFalse();
        PathGlob page = PathGlob.parse("/guide/*.html");
        assertThat(page.matches("/guide/intro.html")).isTrue();
        assertThat(page.matches("/guide/a/intro.html")).isFalse();
        assertThat(PathGlob.parse("/").matches("")).isTrue();
        assertThatThrownBy(() -> PathGlob.parse("/a/../b")).hasMessageContaining("'..' segment");
    }

    @Test
    void writesPlainHostsInFlowAndLimitedEntriesAsMaps() {
        String yaml = HEAD + """
                    allow:
                      - docs.example
                      - host: api.example
                        paths: [/guide/**, /search]
                        query: [q]
                      - host: cdn.example
                        query: none
                """;
        Topology t = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8)).topology();
        String written = TopologyWriter.toYaml(t);
        assertThat(written).contains("""
                    allow:
                      - docs.example
                      - host: api.example
                        paths: [/guide/**, /search]
                        query: [q]
                      - host: cdn.example
                        query: none
                """);
        assertThat(TopologyWriter.toYaml(t.withTools(List.of(t.tools().getFirst()
                .withAllow(List.of(AllowEntry.host("docs.example"))))))).contains("    allow: [docs.example]\n");
    }
}
