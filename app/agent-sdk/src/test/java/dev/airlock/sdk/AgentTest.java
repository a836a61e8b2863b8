package dev.airlock.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK against a scripted gate on real streams: every frame it sends is read back and checked. */
@org.junit.jupiter.api.Timeout(20)
class AgentTest {

    /** Never the common pool: on a 2-core machine it has one thread, and a blocked call would starve the rest. */
    private final java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newCachedThreadPool();
    private PipedOutputStream toAgent;
    private PipedInputStream agentIn;
    private PipedOutputStream agentOut;
    private PipedInputStream fromAgent;
    private Agent agent;

    @BeforeEach
    void pipes() throws IOException {
        toAgent = new PipedOutputStream();
        agentIn = new PipedInputStream(toAgent, 1 << 16);
        agentOut = new PipedOutputStream();
        fromAgent = new PipedInputStream(agentOut, 1 << 16);
    }

    @AfterEach
    void close() throws IOException {
        if (agent != null) {
            agent.close();
        }
        calls.shutdownNow();
    }

    private Frame next() throws IOException {
        return FrameCodec.read(fromAgent, FrameCodec.DEFAULT_MAX_FRAME);
    }

    private void gateSays(Map<String, Object> header, String body) throws IOException {
        FrameCodec.write(toAgent, new Frame(header, body.getBytes(StandardCharsets.UTF_8)));
    }

    private Agent connected() throws Exception {
        CompletableFuture<Agent> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return Agent.over(agentIn, agentOut, Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, calls);
        Frame hello = next();
        assertThat(hello.header()).containsEntry("t", "hello").containsEntry("v", 1L).doesNotContainKey("from");
        gateSays(Map.of("t", "ready", "agent", "planner", "user", "alice", "token", "tok1", "exp", 1000L,
                "peers", List.of("writer"), "tools", List.of("notes"), "models", List.of("llm")), "");
        agent = connecting.get(5, TimeUnit.SECONDS);
        return agent;
    }

    @Test
    void handshakeGivesIdentityAndScopesFromTheGate() throws Exception {
        Agent a = connected();
        assertThat(a.id()).isEqualTo("planner");
        assertThat(a.user()).isEqualTo("alice");
        assertThat(a.peers()).containsExactly("writer");
        assertThat(a.tools()).containsExactly("notes");
        assertThat(a.models()).containsExactly("llm");
        assertThat(a.token()).isEqualTo("tok1");
    }

    @Test
    void sendsNeverNameTheSenderAndDeliveriesArrive() throws Exception {
        Agent a = connected();
        long id = a.send("writer", "draft this");
        Frame send = next();
        assertThat(send.header()).containsEntry("t", "send").containsEntry("to", "writer")
                .containsEntry("kind", "message").containsEntry("id", id).doesNotContainKey("from");
        assertThat(send.bodyText()).isEqualTo("draft this");
        gateSays(Map.of("t", "deliver", "from", "writer", "kind", "message", "id", 9L), "done");
        Delivery d = a.receive(Duration.ofSeconds(5));
        assertThat(d.from()).isEqualTo("writer");
        assertThat(d.text()).isEqualTo("done");
    }

    @Test
    void toolCallsAndModelQuestionsAreCorrelatedByIdAndBlocksThrow() throws Exception {
        Agent a = connected();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> {
            try {
                return a.callTool("notes", "{\"q\":\"x\"}", Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, calls);
        Frame toolCall = next();
        assertThat(toolCall.header()).containsEntry("t", "tool.call").containsEntry("tool", "notes");
        gateSays(Map.of("t", "tool.result", "id", toolCall.header().get("id"), "tool", "notes"), "{\"r\":1}");
        assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo("{\"r\":1}");

        CompletableFuture<String> ask = CompletableFuture.supplyAsync(() -> {
            try {
                return a.ask("llm", "{\"messages\":[]}", Duration.ofSeconds(5));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, calls);
        Frame model = next();
        assertThat(model.header()).containsEntry("t", "model.complete").containsEntry("model", "llm");
        gateSays(Map.of("t", "block", "ref", model.header().get("id"), "rule", "guardrail.secrets",
                "reason", "secret in request"), "");
        assertThatThrownBy(() -> ask.get(5, TimeUnit.SECONDS)).cause().cause()
                .isInstanceOf(GateException.class).hasMessage("blocked by guardrail.secrets: secret in request");
    }

    @Test
    void tokenRotationPingAndNoticesAreHandled() throws Exception {
        Agent a = connected();
        List<Notice> notices = new CopyOnWriteArrayList<>();
        a.onNotice(notices::add);
        gateSays(Map.of("t", "token", "token", "tok2", "exp", 2000L), "");
        gateSays(Map.of("t", "ping", "id", 5L), "");
        Frame pong = next();
        assertThat(pong.header()).containsEntry("t", "pong").containsEntry("id", 5L);
        assertThat(a.token()).isEqualTo("tok2");
        assertThat(a.tokenExpiry()).isEqualTo(2000L);
        gateSays(Map.of("t", "block", "ref", 77L, "rule", "pipe.none", "reason", "no pipe to mailer"), "");
        a.log("info", "hello log");
        Frame log = next();
        assertThat(log.header()).containsEntry("t", "log").containsEntry("level", "info");
        // The notice is dispatched by the SDK's reader thread; give it the moment it may need.
        for (int i = 0; i < 200 && notices.isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.ref()).isEqualTo(77L);
            assertThat(n.rule()).isEqualTo("pipe.none");
        });
    }

    @Test
    void aRefusedHelloIsAnErrorNotAHang() {
        InputStream refusal = new ByteArrayInputStream(FrameCodec.encode(Frame.of(Map.of("t", "error",
                "code", "already_connected", "reason", "agent planner already has a live connection"))));
        assertThatThrownBy(() -> Agent.over(refusal, OutputStream.nullOutputStream(), Duration.ofSeconds(1)))
                .isInstanceOf(GateException.class).hasMessageContaining("already has a live connection");
    }

    @Test
    void oversizedAndInconsistentFramesAreRefused() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(FrameCodec.DEFAULT_MAX_FRAME + 1);
        assertThatThrownBy(() -> FrameCodec.read(new ByteArrayInputStream(bytes.toByteArray()),
                FrameCodec.DEFAULT_MAX_FRAME)).hasMessageContaining("outside");
        bytes.reset();
        d.writeInt(4);
        d.writeShort(10);
        d.writeShort(0);
        assertThatThrownBy(() -> FrameCodec.read(new ByteArrayInputStream(bytes.toByteArray()),
                FrameCodec.DEFAULT_MAX_FRAME)).hasMessageContaining("exceeds the frame");
    }
}
