package dev.airlock.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.event.EventSink;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model API key given to the gate reaches the model server and nothing else: not the agent's environment, not
 * its filesystem, not a frame it receives, not an event. The model server is on 127.0.0.1, reached by the gate;
 * the agent, with no network, could not reach it anyway.
 */
class CredentialIsolationTest {

    private static final String KEY = "sk-airlock-test-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    @TempDir
    Path dir;

    @Test
    void theKeyStaysInTheGate() throws Exception {
        DockerEngine.require();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer model = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        model.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] reply = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"the model answered\"}}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        model.start();
        Path keyFile = dir.resolve("model.key");
        Files.writeString(keyFile, KEY + "\n");
        Files.writeString(dir.resolve("keyed.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: keyed}
                models:
                  - id: llm
                    backend: openai
                    model: tiny
                    endpoint: http://127.0.0.1:%d
                    credential: {file: %s}
                agents:
                  - id: asker
                    image: airlock/agent-java
                    command: [java, dev.airlock.sdk.demo.ModelLoopAgent]
                    models: [llm]
                pipes:
                  - {from: user, to: asker, direction: both}
                """.formatted(model.getAddress().getPort(), keyFile));
        Topology topology = TopologyReader.read(dir.resolve("keyed.yaml")).topology();
        Path capture = dir.resolve("capture.bin");
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<Run.UserMessage> replies = new LinkedBlockingQueue<>();
        RunSpec spec = RunSpec.of(topology, dir).withCapture(capture).withStatsInterval(Duration.ZERO)
                .withGrace(Duration.ofSeconds(2));
        try (Run session = Run.open(spec, DockerCompartments.factory(Duration.ZERO));
             DockerSandboxRuntime engine = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            session.events().subscribe("test", 1 << 16, events::add);
            session.onUserDelivery(replies::add);
            session.start().get(60, TimeUnit.SECONDS);
            session.send("asker", "message", "hello, model");
            Run.UserMessage answer = replies.poll(30, TimeUnit.SECONDS);

            assertThat(answer).as("the agent got its answer through the gate").isNotNull();
            assertThat(answer.text()).isEqualTo("the model answered");
            assertThat(authorizations).as("the gate used the key").containsExactly("Bearer " + KEY);

            DockerClient docker = engine.client();
            List<Container> containers = docker.listContainersCmd()
                    .withLabelFilter(Map.of("airlock.run", session.id())).exec();
            assertThat(containers).hasSize(1);
            String id = containers.get(0).getId();
            assertThat(String.join("\n", docker.inspectContainerCmd(id).exec().getConfig().getEnv()))
                    .as("environment").doesNotContain(KEY).doesNotContain(keyFile.toString());
            assertThat(containsKey(docker.exportContainerCmd(id).exec())).as("filesystem").isFalse();
        } finally {
            model.stop(0);
        }
        StringBuilder frames = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(capture)) {
            byte[] body = Base64.getDecoder().decode(json.readTree(line).path("body").asText());
            frames.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        }
        assertThat(frames).as("every frame body to and from the agent, as captured")
                .contains("hello, model", "the model answered").doesNotContain(KEY);
        assertThat(events.toString()).as("events").doesNotContain(KEY);
    }

    /** Streams the container's whole filesystem (an export tar) looking for the key's bytes. */
    private static boolean containsKey(InputStream tar) throws Exception {
        byte[] needle = KEY.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream window = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        byte[] carry = new byte[0];
        try (tar) {
            int n;
            while ((n = tar.read(buffer)) > 0) {
                window.reset();
                window.write(carry);
                window.write(buffer, 0, n);
                byte[] chunk = window.toByteArray();
                if (indexOf(chunk, needle) >= 0) {
                    return true;
                }
                int keep = Math.min(chunk.length, needle.length - 1);
                carry = java.util.Arrays.copyOfRange(chunk, chunk.length - keep, chunk.length);
            }
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
