package dev.airlock.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A tool marked {@code approval: required} waits for the gate's approval, which {@code run --approve} answers. */
class ApprovalRunTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--approve {0}")
    @CsvSource({"deny, block, the gate refused", "allow, deliver, written"})
    void theFlagDecides(String answer, String action, String reply) throws IOException {
        ProbeCommandTest.requireEngine();
        Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - {agent: scribe, turn: 1, toolCalls: [{name: journal, arguments: {op: write, path: log.md, content: hi}}]}
                  - {agent: scribe, reply: "tool said: {{latest}}"}
                """);
        Files.writeString(dir.resolve("approvals.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: approvals}
                models:
                  - {id: llm, backend: scripted, options: {rules: rules.yaml}}
                tools:
                  - {id: journal, type: files, approval: required}
                agents:
                  - id: scribe
                    image: airlock/agent-java
                    command: [java, dev.airlock.sdk.demo.ModelLoopAgent]
                    models: [llm]
                    tools: [journal/write]
                pipes:
                  - {from: user, to: scribe, direction: both}
                """);
        Files.writeString(dir.resolve("approvals.expected.yaml"), """
                send: [{to: scribe, text: note this}]
                within: 60s
                expect:
                  - {agent: scribe, frame: tool.call, target: journal, action: %s}
                answers:
                  - {from: scribe, contains: "%s"}
                """.formatted(action, reply));

        CliRun run = CliRun.of("run", dir.resolve("approvals.yaml").toString(), "--approve", answer,
                "--expect", dir.resolve("approvals.expected.yaml").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
}
