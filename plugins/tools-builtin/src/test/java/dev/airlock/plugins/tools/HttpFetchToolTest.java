package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Egress through http.fetch. Names resolve through a table the test controls; the only server is on 127.0.0.1.
 * Every refusal must happen before the HTTP client is handed an address, so no packet leaves loopback.
 */
class HttpFetchToolTest {

    private static final Map<String, String> DNS = Map.of(
            "docs.airlock.test", "127.0.0.1",
            "elsewhere.airlock.test", "127.0.0.1",
            "metadata.airlock.test", "169.254.169.254",
            "intranet.airlock.test", "10.20.30.40");

    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    private HttpServer server;
    private HttpFetchTool tool;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        route("/page", 200, null, "hello from the docs");
        route("/big", 200, null, "x".repeat(5000));
        route("/to-private", 302, "http://10.9.8.7/admin", "");
        route("/to-intranet", 302, "http://intranet.airlock.test/", "");
        route("/to-metadata", 302, "http://169.254.169.254/latest/meta-data/", "");
        route("/to-page", 302, "/page", "");
        server.start();
        ToolSpec spec = ToolSpec.of("web", ToolType.HTTP_FETCH)
                .withAllowedHosts(List.of("docs.airlock.test", "metadata.airlock.test", "intranet.airlock.test", "127.0.0.1"));
        spec = new ToolSpec(spec.id(), "", spec.type(), null, List.of(), spec.allow(), spec.approval(), Set.of(),
                Map.of("maxBytes", "1Ki"));
        tool = HttpFetchProvider.create(spec, HttpFetchToolTest::resolve, null);
    }

    @AfterEach
    void stop() {
        tool.close();
        server.stop(0);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip == null && !host.matches("[0-9.]+")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip == null ? host : ip)};
    }

    private void route(String path, int status, String location, String body) {
        server.createContext(path, exchange -> {
            hits.merge(path, 1, Integer::sum);
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    private JsonNode fetch(String url) throws ToolException {
        var result = tool.call(new ToolInvocation("researcher", "web", "{\"url\":\"" + url + "\"}", Set.of(),
                Duration.ofSeconds(5)));
        return Json.read(result.json());
    }

    @Test
    void fetchesFromAnAllowlistedHost() throws Exception {
        JsonNode page = fetch(url("docs.airlock.test", "/page"));
        assertThat(page.path("status").asInt()).isEqualTo(200);
        assertThat(page.path("body").asText()).isEqualTo("hello from the docs");
        assertThat(tool.addressesHandedOut()).containsExactly("127.0.0.1");
    }

    @Test
    void followsARedirectThatStaysAllowed() throws Exception {
        assertThat(fetch(url("docs.airlock.test", "/to-page")).path("body").asText()).isEqualTo("hello from the docs");
        assertThat(hits).containsEntry("/to-page", 1).containsEntry("/page", 1);
    }

    @Test
    void cutsPagesAtTheSizeLimit() throws Exception {
        JsonNode page = fetch(url("docs.airlock.test", "/big"));
        assertThat(page.path("body").asText()).hasSize(1024);
        assertThat(page.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void refusesAHostOffTheAllowlistBeforeConnecting() {
        assertRefused(url("elsewhere.airlock.test", "/page"), EgressPolicy.RULE_ALLOWLIST, "not on this tool's allowlist");
        assertThat(hits).isEmpty();
        assertThat(tool.addressesHandedOut()).isEmpty();
    }

    @Test
    void refusesANameThatResolvesToTheMetadataAddress() {
        assertRefused("http://metadata.airlock.test/latest/meta-data/", EgressPolicy.RULE_ADDRESS,
                "resolves to the cloud metadata address (169.254.169.254)");
        assertThat(tool.addressesHandedOut()).isEmpty();
    }

    @Test
    void refusesAListedNameThatResolvesToAPrivateAddress() {
        assertRefused("http://intranet.airlock.test/", EgressPolicy.RULE_ADDRESS, "a private address (10.20.30.40)");
        assertThat(tool.addressesHandedOut()).isEmpty();
    }

    @Test
    void refusesRedirectsToPrivateAndMetadataAddresses() {
        assertRefused(url("docs.airlock.test", "/to-private"), HttpFetchTool.RULE_REDIRECT,
                "to http://10.9.8.7/admin refused (egress.allowlist)");
        assertRefused(url("docs.airlock.test", "/to-intranet"), HttpFetchTool.RULE_REDIRECT,
                "refused (egress.address)");
        assertRefused(url("docs.airlock.test", "/to-metadata"), HttpFetchTool.RULE_REDIRECT,
                "to http://169.254.169.254/latest/meta-data/ refused");
        assertThat(hits).containsOnlyKeys("/to-private", "/to-intranet", "/to-metadata");
        assertThat(tool.addressesHandedOut()).as("the client only ever got loopback").containsExactly("127.0.0.1");
    }

    @Test
    void refusesOtherSchemesAndGarbage() {
        assertRefused("file:///etc/passwd", EgressPolicy.RULE_SCHEME, "only http and https");
        assertRefused("not a url", EgressPolicy.RULE_SCHEME, "not");
        assertThatThrownBy(() -> tool.call(new ToolInvocation("a", "web", "[1,2]", Set.of(), Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.rule()).isEqualTo("tool.arguments"));
    }

    private void assertRefused(String url, String rule, String reason) {
        assertThatThrownBy(() -> fetch(url)).isInstanceOfSatisfying(ToolException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
