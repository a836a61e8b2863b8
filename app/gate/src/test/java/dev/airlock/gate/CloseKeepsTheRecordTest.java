package dev.airlock.gate;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.gate.wire.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A frame the gate delivered is on the record even when the gate closes the moment the receiver has it: the gate
 * records a delivery's decision after the frame went out, and closing must not cut that short. Over real Unix
 * sockets, many times, since the window is a few microseconds wide.
 */
class CloseKeepsTheRecordTest {

    private static final int ROUNDS = 100;

    @TempDir
    Path dir;

    @Test
    void aDeliveryTheReceiverHasIsInTheAuditLogWhenTheGateClosesAtOnce() throws Exception {
        AgentIdentity self = AgentIdentity.ownerOf(dir);
        int lost = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path round_ = Files.createDirectory(dir.resolve("r" + round));
            Path audit = round_.resolve("audit.jsonl");
            Gate gate = Gate.start(Fixtures.topology(), GateOptions.builder().auditLog(audit).build());
            try (AgentClient planner = AgentClient.ready(gate.listenUnix("planner", round_.resolve("planner"), self));
                 AgentClient researcher = AgentClient.ready(
                         gate.listenUnix("researcher", round_.resolve("researcher"), self))) {
                planner.send("researcher", "task", "look this up", 1L);
                Frame delivered = researcher.next("deliver");
                assertThat(delivered).as("round " + round).isNotNull();
                gate.close();
            }
            boolean recorded = Files.readAllLines(audit).stream()
                    .anyMatch(l -> l.contains("\"agent\":\"planner\"") && l.contains("\"frame\":\"send\"")
                            && l.contains("\"action\":\"deliver\""));
            if (!recorded) {
                lost++;
            }
        }
        assertThat(lost).as("deliveries missing from the audit log, of " + ROUNDS).isZero();
    }
}
