package dev.airlock.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.audit.AuditLog;
import dev.airlock.run.docker.DockerCompartments;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model API key given to the gate reaches the model server and nothing else: not the agent's environment, not
 * its filesystem, not a frame it receives, not an event, not even when the server echoes the key back. The model
 * server is on 127.0.0.1, reached by the gate; the agent, with no network, could not reach it anyway.
 */
class CredentialIsolationTest {

    /** Random through and through, so that none of its pieces is a word the image could hold by chance. */
    private static final String KEY = "sk-" + HexFormat.of().toHexDigits(new SecureRandom().nextLong())
            + HexFormat.of().toHexDigits(new SecureRandom().nextLong());
    
    @TempDir
    Path dir;

    @Test
    void theKeyStaysInTheGate() throws Exception {
        Run.UserMessage answer = runAgainst(200, answer("the model answered"));

        assertThat(answer).as("the agent got its answer through the gate").isNotNull();
        assertThat(answer.text()).isEqualTo("the model answered");
    }

    @Test
    void aKeyTheEndpointEchoesInAnErrorStaysInTheGate() throws Exception {
        Run.UserMessage answer = runAgainst(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

        assertThat(answer).as("a refused model request leaves the agent nothing to answer").isNull();
    }

    @Test
    void aKeyTheEndpointEchoesInAnAnswerStaysInTheGate() throws Exception {
        Run.UserMessage answer = runAgainst(200, answer("your key is " + KEY + ", its tail "
                + KEY.substring(KEY.length() - EchoingModel.PIECE)));

        assertThat(answer).as("the answer is delivered, masked").isNotNull();
        assertThat(answer.text()).startsWith("your key is ");
    }

    private static String answer(String content) {
        ObjectMapper json = new ObjectMapper();
        return json.createObjectNode().set("choices", json.createArrayNode().add(json.createObjectNode()
                .set("message", json.createObjectNode().put("role", "assistant").put("content", content))))
                .toString();
    }

    /**
     * Runs one containerised model-loop agent against a loopback endpoint answering {@code status} and
     * {@code reply}, sends it one message and returns its answer to the user (null if none came). Checks that the
     * gate used the key and that no piece of it is in the container's environment or files, the capture or events.
     */
    private Run.UserMessage runAgainst(int status, String reply) throws Exception {
        DockerEngine.require();
        EchoingModel model = new EchoingModel(status, reply);
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
                """.formatted(model.port(), keyFile));
        Topology topology = TopologyReader.read(dir.resolve("keyed.yaml")).topology();
        Path capture = dir.resolve("capture.bin");
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        BlockingQueue<Run.UserMessage> replies = new LinkedBlockingQueue<>();
        RunSpec spec = RunSpec.of(topology, dir).withCapture(capture).withStatsInterval(Duration.ZERO)
                .withGrace(Duration.ofSeconds(2));
        Run.UserMessage answer;
        try (Run session = Run.open(spec, DockerCompartments.factory(Duration.ZERO));
             DockerSandboxRuntime engine = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            session.events().subscribe("test", 1 << 16, events::add);
            session.onUserDelivery(replies::add);
            session.start().get(60, TimeUnit.SECONDS);
            session.send("asker", "message", "hello, model");
            answer = replies.poll(status == 200 ? 30 : 5, TimeUnit.SECONDS);

            assertThat(model.authorizations()).as("the gate used the key").containsExactly("Bearer " + KEY);
            DockerClient docker = engine.client();
            List<Container> containers = docker.listContainersCmd()
                    .withLabelFilter(Map.of("airlock.run", session.id())).exec();
            assertThat(containers).hasSize(1);
            String id = containers.get(0).getId();
            String env = String.join("\n", docker.inspectContainerCmd(id).exec().getConfig().getEnv());
            assertNoPieceOfTheKey("environment", env);
            assertThat(env).as("environment").doesNotContain(keyFile.toString());
            assertThat(holdsAPieceOfTheKey(docker.exportContainerCmd(id).exec())).as("filesystem").isFalse();
        } finally {
            model.close();
        }
        StringBuilder frames = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(capture)) {
            byte[] body = Base64.getDecoder().decode(json.readTree(line).path("body").asText());
            frames.append(new String(body, StandardCharsets.UTF_8)).append('\n');
        }
        assertThat(frames).as("every frame body to and from the agent, as captured").contains("hello, model");
        assertNoPieceOfTheKey("every frame body to and from the agent, as captured", frames.toString());
        assertNoPieceOfTheKey("events", events.toString());
        StringBuilder audit = new StringBuilder();
        events.stream().filter(GateDecision.class::isInstance)
                .forEach(e -> audit.append(AuditLog.toJson((GateDecision) e)).append('\n'));
        assertNoPieceOfTheKey("audit lines", audit.toString());
        if (answer != null) {
            assertNoPieceOfTheKey("the answer", answer.text());
        }
        return answer;
    }

    private static void assertNoPieceOfTheKey(String where, String text) {
        EchoingModel.assertNoPieceOf(KEY, where, text);
    }

    /**
     * Streams the container's whole filesystem (an export tar) looking for any {@value EchoingModel#PIECE}-byte piece
     * of the key: the last {@value EchoingModel#PIECE} bytes read, packed in a long, are looked up among the key's
     * pieces.
     */
    private static boolean holdsAPieceOfTheKey(InputStream tar) throws Exception {
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        Set<Long> pieces = new HashSet<>();
        for (int i = 0; i + EchoingModel.PIECE <= key.length; i++) {
            pieces.add(pack(key, i));
        }
        byte[] buffer = new byte[1 << 16];
        long window = 0;
        long seen = 0;
        try (tar) {
            int n;
            while ((n = tar.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    window = (window << 8) | (buffer[i] & 0xff);
                    if (++seen >= EchoingModel.PIECE && pieces.contains(window)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long pack(byte[] bytes, int from) {
        long v = 0;
        for (int i = from; i < from + EchoingModel.PIECE; i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }
}
