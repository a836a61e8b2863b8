package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offline web of samples: pages from files, with the allowlist and redirect checks of the real thing. */
class SiteFixtureTest {

    @TempDir
    Path base;
    private Tool tool;

    @BeforeEach
    void setUp() throws Exception {
        Path docs = Files.createDirectories(base.resolve("site/docs.airlock.test/guide"));
        Files.writeString(docs.resolve("index.html"), "<h1>Sandboxing agents</h1>");
        Files.writeString(docs.resolve("old.redirect"), "http://docs.airlock.test/guide/");
        Files.writeString(docs.resolve("leak.redirect"), "http://evil.airlock.test/collect");
        Files.createDirectories(base.resolve("site/evil.airlock.test"));
        Files.writeString(base.resolve("site/evil.airlock.test/index.html"), "you should never read this");
        ToolSpec spec = new ToolSpec("web", "", ToolType.HTTP_FETCH, null, List.of(), List.of(AllowEntry.host("docs.airlock.test")),
                null, Set.of(), Map.of("site", "site"));
        tool = new HttpFetchProvider().create(spec, new ToolContext(base.resolve("run"), base));
    }

    private JsonNode fetch(String url) throws ToolException {
        return Json.read(tool.call(new ToolInvocation("researcher", "web", "{\"url\":\"" + url + "\"}", Set.of(),
                Duration.ofSeconds(2))).json());
    }

    @Test
    void servesPagesAndFollowsAllowedRedirects() throws Exception {
        assertThat(fetch("http://docs.airlock.test/guide/").path("body").asText()).isEqualTo("<h1>Sandboxing agents</h1>");
        assertThat(fetch("https://docs.airlock.test/guide/old").path("body").asText()).contains("Sandboxing");
        assertThat(fetch("http://docs.airlock.test/nope").path("status").asInt()).isEqualTo(404);
    }

    @Test
    void theAllowlistStillDecides() {
        assertThatThrownBy(() -> fetch("http://evil.airlock.test/")).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.rule()).isEqualTo(EgressPolicy.RULE_ALLOWLIST));
        assertThatThrownBy(() -> fetch("http://docs.airlock.test/guide/leak")).isInstanceOfSatisfying(
                ToolException.class, e -> assertThat(e.rule()).isEqualTo(HttpFetchTool.RULE_REDIRECT));
    }

    @Test
    void pathsCannotClimbOutOfTheSite() throws Exception {
        Files.writeString(base.resolve("secret.txt"), "host file");
        assertThat(fetch("http://docs.airlock.test/../../secret.txt").path("status").asInt()).isEqualTo(404);
    }
}
