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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void idleConnectionsOverThePerAgentCapMakeWayOnTheRecord() throws Exception {
        int extra = 3;
        List<AgentClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < Gate.MAX_CONNECTIONS_PER_AGENT + extra; i++) {
                clients.add(AgentClient.connect(planner));
            }
            List<GateDecision> evicted = decisions("connection.evicted", extra);
            assertThat(evicted).hasSize(extra).allSatisfy(d -> {
                assertThat(d.agent()).isEqualTo("planner");
                assertThat(d.action()).isEqualTo(GateAction.BLOCK);
            });
            for (AgentClient c : clients.subList(0, extra)) {
                assertThat(c.closedByGate(2_000)).as("the oldest idle connections").isTrue();
            }
        } finally {
            for (AgentClient c : clients) {
                c.close();
            }
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("connection.evicted");
    }

    @Test
    void connectionsOverACapOfConnectionsThatSaidHelloAreRecordedRefusals() throws Exception {
        int extra = 3;
        List<AgentClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < Gate.MAX_CONNECTIONS_PER_AGENT; i++) {
                // A hello the gate refuses but does not hang up on: the connection has said hello all the same.
                AgentClient c = AgentClient.connect(planner);
                clients.add(c);
                c.send(Frame.of(Header.type("hello").put("v", 1L).put("from", "alice").build()));
                assertThat(c.next().header().string("code")).isEqualTo("from_not_allowed");
            }
            for (int i = 0; i < extra; i++) {
                clients.add(AgentClient.connect(planner));
            }
            assertThat(decisions("connection.cap", extra)).hasSize(extra).allSatisfy(d -> {
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

    @Test
    void aConnectionThatNeverSaysHelloTimesOutOnTheRecord() throws Exception {
        gate.close();
        gate = Gate.start(Fixtures.topology(), GateOptions.builder().auditLog(dir.resolve("audit.jsonl"))
                .helloTimeout(Duration.ofMillis(300)).build());
        events = gate.events().subscribe(10_000);
        Path socket = gate.listenUnix("planner", dir.resolve("p2"), AgentIdentity.ownerOf(dir));
        try (AgentClient idle = AgentClient.connect(socket)) {
            assertThat(idle.closedByGate(5_000)).isTrue();
        }
        assertRefused("hello.timeout", "?");
    }

    @Test
    void aTcpConnectionThatNeverSaysHelloTimesOutOnTheRecord() throws Exception {
        gate.close();
        gate = Gate.start(Fixtures.topology(), GateOptions.builder().auditLog(dir.resolve("audit.jsonl"))
                .helloTimeout(Duration.ofMillis(300)).build());
        events = gate.events().subscribe(10_000);
        var address = gate.listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (AgentClient idle = AgentClient.over(SocketChannel.open(address))) {
            assertThat(idle.closedByGate(5_000)).isTrue();
        }
        // Over TCP no agent is known until a token names one.
        assertThat(decisions("hello.timeout", 1)).singleElement().satisfies(d -> {
            assertThat(d.agent()).isEqualTo("?");
            assertThat(d.action()).isEqualTo(GateAction.BLOCK);
        });
    }

    private List<GateDecision> decisions(String rule, int expected) throws InterruptedException {
        List<GateDecision> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 5_000;
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            AirlockEvent e = events.poll(200);
            if (e instanceof GateDecision d && d.rule().equals(rule)) {
                found.add(d);
            }
        }
        return found;
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
