package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code airlock gate} as an operator starts it: a real process with real sockets, stopped by SIGTERM and leaving
 * its events flushed and its sockets gone; and every bad option as one line with exit 2.
 */
class GateCommandTest {

    @TempDir
    Path dir;

    private Path topology() throws Exception {
        return Files.writeString(dir.resolve("echo.yaml"), """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: echo}
                user: {id: alice}
                agents:
                  - {id: echo, image: airlock/agent-java, command: [java, dev.airlock.sdk.demo.EchoAgent]}
                  - {id: other, image: airlock/agent-java, command: [java, dev.airlock.sdk.demo.EchoAgent]}
                pipes:
                  - {from: alice, to: echo, direction: both}
                """);
    }

    @Test
    void sigtermClosesTheGateCleanly() throws Exception {
        Path file = topology();
        Path sockets = Files.createDirectory(dir.resolve("sockets"));
        Path events = dir.resolve("events.jsonl");
        Process gate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Airlock.class.getName(), "gate", "--topology",
                file.toString(), "--listen", "unix:" + sockets, "--user", "unix:" + dir.resolve("user.sock"),
                "--events", events.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(gate.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).contains("gate of 'echo' for 2 agents on " + sockets).contains("user on unix:");
        assertThat(sockets.resolve("echo/gate.sock")).exists();
        assertThat(sockets.resolve("other/gate.sock")).exists();
        assertThat(dir.resolve("user.sock")).exists();

        // A message for an agent that is not connected yet is a decision on the record.
        CliRun refused = CliRun.of("expect", "--connect", "unix:" + dir.resolve("user.sock"),
                Files.writeString(dir.resolve("x.expected.yaml"), """
                        send: [{to: other, text: hi}]
                        within: 3s
                        expect: [{agent: alice, frame: send, target: other, action: block}]
                        """).toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(ExitCode.OK);

        new ProcessBuilder("kill", "-TERM", String.valueOf(gate.pid())).start().waitFor();
        assertThat(gate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String rest = new String(gate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rest).contains("gate stopped").doesNotContain("Exception");
        assertThat(sockets.resolve("echo/gate.sock")).doesNotExist();
        assertThat(sockets.resolve("echo")).doesNotExist();
        assertThat(dir.resolve("user.sock")).doesNotExist();
        assertThat(Files.readString(events)).contains("\"rule\":\"pathway.undeclared\"");
    }

    @Test
    void aKubernetesGateWithNoKeysSaysHowToFillThem() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        Process gate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Airlock.class.getName(), "gate", "--topology",
                topology().toString(), "--listen", "tcp://127.0.0.1:0", "--k8s-audience", "airlock-gate",
                "--k8s-namespace", "team-a", "--k8s-jwks", jwks.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(gate.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).contains("gate of 'echo' for 2 agents on tcp://127.0.0.1:");
            assertThat(out.readLine()).contains("every agent will be refused")
                    .contains("kubectl get --raw /openid/v1/jwks");
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(gate.pid())).start().waitFor();
            assertThat(gate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badOptionsAreOneLineAndExit2() throws Exception {
        Path file = topology();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        String[][] cases = {
                {"--listen", "udp://x"},
                {"--listen", "unix:" + dir.resolve("missing")},
                {"--listen", "tcp://127.0.0.1:99999"},
                {"--listen", "tcp://127.0.0.1:0", "--k8s-audience", "airlock-gate"},
                {"--listen", "unix:" + dir, "--k8s-audience", "a", "--k8s-namespace", "n", "--k8s-jwks",
                        jwks.toString()},
                {"--listen", "tcp://127.0.0.1:0", "--k8s-audience", "a", "--k8s-namespace", "n", "--k8s-jwks",
                        dir.resolve("nope.json").toString()},
                {"--listen", "tcp://127.0.0.1:0", "--user", "tcp://x"},
                {"--listen", "unix:" + dir, "--tokens", dir.toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "gate";
            args[1] = "--topology";
            args[2] = file.toString();
            System.arraycopy(c, 0, args, 3, c.length);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", c)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).doesNotContain("Exception");
        }
        CliRun noGate = CliRun.of("expect", "--connect", "unix:" + dir.resolve("none.sock"),
                Files.writeString(dir.resolve("y.expected.yaml"), """
                        send: [{to: echo, text: hi}]
                        within: 1s
                        expect: [{agent: echo}]
                        """).toString());
        assertThat(noGate.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noGate.err()).contains("no gate answers on").doesNotContain("Exception");
    }
}
