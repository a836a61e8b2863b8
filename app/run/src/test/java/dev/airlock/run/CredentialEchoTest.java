package dev.airlock.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateDecision;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.gate.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model endpoint that echoes the API key, in an error body or in an answer, must not get it past the gate. The
 * run is real but for the compartment (an agent thread on the real Unix socket): the gate, the installed OpenAI
 * backend, real HTTP to a server on 127.0.0.1 and the key read from a file by the gate's resolver. The key, and
 * every 8-character piece of it, must be in nothing that left the gate: the agent's frames, events, audit lines,
 * the capture, the logs.
 */
class CredentialEchoTest {

    private static final String KEY = "sk-echo-" + Long.toHexString(Double.doubleToLongBits(Math.random()))
            + "-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        rootLogger().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        rootLogger().detachAppender(logs);
    }

    @Test
    void aKeyEchoedInAnErrorBodyReachesNobody() throws Exception {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". You can find your API"
                + " key at https://platform.example/account/api-keys.\",\"type\":\"invalid_request_error\"}}";
        String seenByAgent = runAgainst(401, body);

        assertThat(seenByAgent).as("the agent is told the status, not the body").contains("401", "Unauthorized");
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).as("the failure was logged")
                .anyMatch(line -> line.startsWith("model llm failed for asker"));
    }

    @Test
    void aKeyEchoedInAnAnswerReachesNobody() throws Exception {
        String content = "Sure. Your key is " + KEY + " and it ends in " + KEY.substring(KEY.length() - 10) + ".";
        String body = new ObjectMapper().createObjectNode().set("choices", new ObjectMapper().createArrayNode()
                .add(new ObjectMapper().createObjectNode().set("message", new ObjectMapper().createObjectNode()
                        .put("role", "assistant").put("content", content)))).toString();
        String seenByAgent = runAgainst(200, body);

        assertThat(seenByAgent).as("the answer still arrives").contains("Sure. Your key is");
    }

    /** Runs one agent that asks the model once; returns what it got back, after checking no text holds the key. */
    private String runAgainst(int status, String reply) throws Exception {
        EchoingModel model = new EchoingModel(status, reply);
        Path keyFile = dir.resolve("model.key");
        Files.writeString(keyFile, KEY + "\n");
        Topology topology = TopologyReader.parse("echo.yaml", """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: echo}
                models:
                  - id: llm
                    backend: openai
                    model: tiny
                    endpoint: http://127.0.0.1:%d
                    credential: {file: %s}
                agents:
                  - {id: asker, image: thread, models: [llm]}
                pipes:
                  - {from: user, to: asker, direction: both}
                """.formatted(model.port(), keyFile).getBytes(StandardCharsets.UTF_8)).topology();
        Path capture = dir.resolve("capture.jsonl");
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<String> seen = new CompletableFuture<>();
        ThreadCompartments.Program asker = agent -> {
            try {
                seen.complete("model.result " + agent.ask("llm",
                        "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", Duration.ofSeconds(20)));
            } catch (IOException e) {
                seen.complete("refused " + e.getMessage());
            }
        };
        try (Run run = Run.open(RunSpec.of(topology, dir).withCapture(capture).withStatsInterval(Duration.ZERO),
                ThreadCompartments.of(Map.of("asker", asker)))) {
            run.events().subscribe("test", 1 << 16, events::add);
            run.start().get(30, TimeUnit.SECONDS);
            seen.get(30, TimeUnit.SECONDS);
        } finally {
            model.close();
        }
        assertThat(model.authorizations()).as("the gate used the key").containsExactly("Bearer " + KEY);

        assertNoPieceOfTheKey("frames the agent received", seen.get());
        assertNoPieceOfTheKey("events", events.toString());
        StringBuilder audit = new StringBuilder();
        events.stream().filter(GateDecision.class::isInstance)
                .forEach(e -> audit.append(AuditLog.toJson((GateDecision) e)).append('\n'));
        assertNoPieceOfTheKey("audit lines", audit.toString());
        assertNoPieceOfTheKey("capture", captured(capture));
        StringBuilder logged = new StringBuilder();
        logs.list.forEach(e -> logged.append(e.getFormattedMessage()).append(' ')
                .append(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()).append('\n'));
        assertNoPieceOfTheKey("logs", logged.toString());
        return seen.get();
    }

    /** The capture file as written, and every body in it decoded. */
    private static String captured(Path capture) throws IOException {
        StringBuilder all = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(capture)) {
            all.append(line).append('\n');
            all.append(new String(Base64.getDecoder().decode(json.readTree(line).path("body").asText()),
                    StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    private static void assertNoPieceOfTheKey(String where, String text) {
        EchoingModel.assertNoPieceOf(KEY, where, text);
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
