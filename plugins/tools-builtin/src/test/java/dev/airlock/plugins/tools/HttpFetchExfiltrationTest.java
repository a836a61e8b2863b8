package dev.airlock.plugins.tools;

import com.sun.net.httpserver.HttpServer;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent holding private data tries to send it to an allowlisted host inside the URL. An allowlist entry that
 * limits paths and query refuses every such URL before a name is resolved or a connection made. Names resolve to
 * 127.0.0.1 through the test's own resolver (listed as an address, so that loopback may be reached at all); the
 * server there records every request that reaches it.
 */
class HttpFetchExfiltrationTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private HttpFetchTool tool;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = "a page".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        tool = toolAllowing("[{host: 'docs.airlock.test:" + port + "', paths: [/guide/**], query: none},"
                + " {host: 'docs.airlock.test:" + port + "', paths: [/search], query: [q, lang]}, '127.0.0.1']");
    }

    @AfterEach
    void stop() {
        tool.close();
        server.stop(0);
    }

    private HttpFetchTool toolAllowing(String allow) throws ToolException {
        String yaml = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - {id: web, type: http.fetch, allow: %s}
                """.formatted(allow);
        LoadResult r = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("the allowlist reads").isEmpty();
        return HttpFetchProvider.create(r.topology().tool("web").orElseThrow(), host -> {
            resolved.add(host);
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }, null);
    }

    private String fetch(String pathAndQuery) throws ToolException {
        String url = "http://docs.airlock.test:" + server.getAddress().getPort() + pathAndQuery;
        return tool.call(new ToolInvocation("researcher", "web", "{\"url\":\"" + url + "\"}", Set.of(),
                Duration.ofSeconds(5))).json();
    }

    @Test
    void urlsInsideTheEntryAreFetched() throws Exception {
        assertThat(fetch("/guide/intro.html")).contains("a page");
        assertThat(fetch("/search?q=sandbox&lang=en")).contains("a page");
        assertThat(requests).containsExactly("/guide/intro.html", "/search?q=sandbox&lang=en");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /Project%20Falcon%20launches%20in%20March              | egress.path
            /notes/Project-Falcon-launches-in-March                | egress.path
            /guide/../Project-Falcon-launches                      | egress.path
            /guide/%2E%2E/Project-Falcon-launches                  | egress.path
            /guide/?ref=Project%20Falcon%20launches%20in%20March   | egress.query
            /guide/?ref=Project+Falcon+launches                    | egress.query
            /guide/?ref=UHJvamVjdCBGYWxjb24gbGF1bmNoZXMgaW4gTWFyY2g= | egress.query
            /guide/intro?UHJvamVjdCBGYWxjb24                       | egress.query
            /search?q=docs&ref=UHJvamVjdCBGYWxjb24gbGF1bmNoZXM=    | egress.query
            """)
    void privateDataInThePathOrQueryIsRefusedBeforeAnythingLeaves(String pathAndQuery, String rule) {
        assertThatThrownBy(() -> fetch(pathAndQuery)).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).as("a refusal does not repeat the data").doesNotContainIgnoringCase("falcon")
                    .doesNotContain("UHJv");
        });
        assertThat(resolved).as("no name resolved").isEmpty();
        assertThat(tool.addressesHandedOut()).as("no address handed to the client").isEmpty();
        assertThat(requests).as("nothing reached the server").isEmpty();
    }

    @Test
    void aPlainHostStillAllowsAnyPathAndQueryAsBefore() throws Exception {
        tool.close();
        tool = toolAllowing("[docs.airlock.test, '127.0.0.1']");
        String url = "http://docs.airlock.test:" + server.getAddress().getPort() + "/anything?ref=x";
        assertThat(tool.call(new ToolInvocation("researcher", "web", "{\"url\":\"" + url + "\"}", Set.of(),
                Duration.ofSeconds(5))).json()).contains("a page");
        assertThat(requests).containsExactly("/anything?ref=x");
    }
}
