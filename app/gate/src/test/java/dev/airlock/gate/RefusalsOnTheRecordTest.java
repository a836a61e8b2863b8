package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection or frame the gate refuses around the handshake is a {@code gate.decision} with a rule, on the
 * event stream and in the audit log, not just a reply to the agent or a log line. Over real Unix sockets.
 */
class RefusalsOnTheRecordTest {

    @TempDir
    Path dir;

    Gate gate;
    Path planner;
    EventStream.Subscription events;

    @BeforeEach
    void start() throws Exception {
        AgentIdentity self = AgentIdentity.ownerOf(dir);
        gate = Gate.start(Fixtures.topology(), GateOptions.builder().auditLog(dir.resolve("audit.jsonl")).build());
        events = gate.events().subscribe(10_000);
        planner = gate.listenUnix("planner", dir.resolve("planner"), self);
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void aFrameBeforeHelloIsARecordedRefusal() throws Exception {
        try (AgentClient c = AgentClient.connect(planner)) {
            c.send(Frame.of(Header.type("send").put("to", "researcher").put("kind", "task").put("id", 1L).build(),
                    "before hello"));
            assertThat(c.next().header().string("code")).isEqualTo("hello_required");
        }
        assertRefused("handshake.before-hello", "send");
    }

    @Test
    void aSecondHelloOnAReadyConnectionIsARecordedRefusal() throws Exception {
        try (AgentClient c = AgentClient.ready(planner)) {
            c.send(Frame.of(Header.type("hello").put("v", 1L).put("id", 2L).build()));
            assertThat(c.next().header().string("code")).isEqualTo("already_ready");
        }
        assertRefused("handshake.second-hello", "hello");
    }

    @Test
    void aHelloFromASecondConnectionIsARecordedRefusal() throws Exception {
        try (AgentClient first = AgentClient.ready(planner); AgentClient second = AgentClient.connect(planner)) {
            second.send(Frame.of(Header.type("hello").put("v", 1L).build()));
            assertThat(second.next().header().string("code")).isEqualTo("already_connected");
        }
        assertRefused("handshake.duplicate-connection", "hello");
    }

    @Test
    void connectionsOverThePerAgentCapAreRecordedRefusals() throws Exception {
        int extra = 3;
        List<AgentClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < Gate.MAX_CONNECTIONS_PER_AGENT + extra; i++) {
                clients.add(AgentClient.connect(planner));
            }
            List<GateDecision> capped = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5_000;
            while (capped.size() < extra && System.currentTimeMillis() < deadline) {
                AirlockEvent e = events.poll(200);
                if (e instanceof GateDecision d && d.rule().equals("connection.cap")) {
                    capped.add(d);
                }
            }
            assertThat(capped).hasSize(extra).allSatisfy(d -> {
                assertThat(d.agent()).isEqualTo("planner");
                assertThat(d.action()).isEqualTo(GateAction.BLOCK);
            });
        } finally {
            for (AgentClient c : clients) {
                c.close();
            }
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("connection.cap");
    }

    private void assertRefused(String rule, String frame) throws Exception {
        GateDecision found = null;
        AirlockEvent e;
        while (found == null && (e = events.poll(2_000)) != null) {
            if (e instanceof GateDecision d && d.rule().equals(rule)) {
                found = d;
            }
        }
        assertThat(found).as("a gate.decision with rule %s", rule).isNotNull();
        assertThat(found.agent()).isEqualTo("planner");
        assertThat(found.frame()).isEqualTo(frame);
        assertThat(found.action()).isIn(GateAction.BLOCK, GateAction.ERROR);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains(rule);
    }
}
