package dev.airlock.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.core.model.ChatMessage;
import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackends;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.ModelRequest;
import dev.airlock.core.model.ModelResponse;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.topology.CredentialRef;
import dev.airlock.core.topology.ModelSpec;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both HTTP backends against a server that speaks their protocol on loopback. */
class HttpBackendsTest {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final SecretResolver SECRETS = ref -> {
        if (!"MODEL_KEY".equals(ref.env())) {
            throw new ModelException("unexpected reference " + ref);
        }
        return KEY;
    };

    private static final ModelRequest REQUEST = new ModelRequest("researcher", "llm",
            List.of(ChatMessage.system("You research."), ChatMessage.user("Find the sandbox guide.")),
            List.of(new ToolDefinition("web", "Fetch an allowlisted page",
                    "{\"type\":\"object\",\"properties\":{\"url\":{\"type\":\"string\"}}}")),
            1, Duration.ofSeconds(5));

    private static ModelBackend backend(String backend, String endpoint) throws ModelException {
        ModelSpec spec = new ModelSpec("llm", backend, "tiny-model", endpoint, CredentialRef.fromEnv("MODEL_KEY"), Map.of());
        return ModelBackends.installed().provider(backend).orElseThrow().create(spec, Path.of("."), SECRETS);
    }

    @Test
    void openAiSpeaksChatCompletionsWithToolCalls() throws Exception {
        String reply = """
                {"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"Fetching.",
                  "tool_calls":[{"id":"call_9","type":"function",
                    "function":{"name":"web","arguments":"{\\"url\\":\\"http://docs.airlock.test/\\"}"}}]}}]}
                """;
        try (LoopbackModelServer server = new LoopbackModelServer(200, reply, 0)) {
            ModelResponse response = backend("openai", server.baseUrl()).complete(REQUEST);

            assertThat(response.content()).isEqualTo("Fetching.");
            assertThat(response.toolCalls()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo("call_9");
                assertThat(c.name()).isEqualTo("web");
                assertThat(c.argumentsJson()).isEqualTo("{\"url\":\"http://docs.airlock.test/\"}");
            });
            LoopbackModelServer.Received got = server.received.get(0);
            assertThat(got.path()).isEqualTo("/v1/chat/completions");
            assertThat(got.headers().get("Authorization")).containsExactly("Bearer " + KEY);
            JsonNode body = JsonHttp.JSON.readTree(got.body());
            assertThat(body.path("model").asText()).isEqualTo("tiny-model");
            assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Find the sandbox guide.");
            assertThat(body.at("/tools/0/function/parameters/properties/url/type").asText()).isEqualTo("string");
        }
    }

    @Test
    void ollamaSpeaksItsNativeChat() throws Exception {
        String reply = """
                {"model":"tiny-model","message":{"role":"assistant","content":"",
                 "tool_calls":[{"function":{"name":"web","arguments":{"url":"http://docs.airlock.test/"}}}]},"done":true}
                """;
        try (LoopbackModelServer server = new LoopbackModelServer(200, reply, 0)) {
            ModelResponse response = backend("ollama", server.baseUrl()).complete(REQUEST);

            assertThat(response.toolCalls()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("web");
                assertThat(JsonHttp.JSON.readTree(c.argumentsJson()).path("url").asText())
                        .isEqualTo("http://docs.airlock.test/");
            });
            LoopbackModelServer.Received got = server.received.get(0);
            assertThat(got.path()).isEqualTo("/api/chat");
            assertThat(JsonHttp.JSON.readTree(got.body()).path("stream").asBoolean(true)).isFalse();
        }
    }

    @Test
    void errorsAreSummarisedAsTheStatusNotForwarded() throws Exception {
        String reply = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + "\",\"type\":\"invalid_request_error\"}}";
        try (LoopbackModelServer server = new LoopbackModelServer(401, reply, 0)) {
            assertThatThrownBy(() -> backend("openai", server.baseUrl()).complete(REQUEST))
                    .isInstanceOf(ModelException.class)
                    .hasMessage("model endpoint " + server.baseUrl() + "/v1/chat/completions answered 401 Unauthorized");
        }
        try (LoopbackModelServer server = new LoopbackModelServer(418, "{\"error\":\"" + KEY + "\"}", 0)) {
            assertThatThrownBy(() -> backend("ollama", server.baseUrl()).complete(REQUEST))
                    .hasMessageEndingWith("answered HTTP 418");
        }
    }

    @Test
    void slowServersTimeOut() throws Exception {
        try (LoopbackModelServer server = new LoopbackModelServer(200, "{}", 1_000)) {
            ModelRequest hurried = new ModelRequest("a", "llm", REQUEST.messages(), List.of(), 1, Duration.ofMillis(200));
            assertThatThrownBy(() -> backend("openai", server.baseUrl()).complete(hurried))
                    .hasMessageContaining("did not answer within");
        }
    }

    @Test
    void unreachableServerIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> backend("ollama", "http://127.0.0.1:" + closedPort).complete(REQUEST))
                .hasMessageContaining("cannot reach http://127.0.0.1:" + closedPort);
    }

    @Test
    void aModelNameIsRequired() {
        ModelSpec spec = new ModelSpec("llm", "openai", null, null, null, Map.of());
        assertThatThrownBy(() -> ModelBackends.installed().provider("openai").orElseThrow()
                .create(spec, Path.of("."), SECRETS)).hasMessageContaining("needs 'model:'");
    }
}
