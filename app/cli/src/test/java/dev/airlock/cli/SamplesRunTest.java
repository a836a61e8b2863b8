package dev.airlock.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundled sample runs offline on the real engine and meets its {@code X.expected.yaml}: the deliveries and
 * blocks its story promises happen, the forbidden ones do not. Same outcome every run: the models are scripted, so
 * the whole final table is pinned by a golden file ({@link GoldenOutput}), timings masked.
 */
class SamplesRunTest {

    static Stream<Path> samplesWithExpectations() throws IOException {
        return CommandLineTest.sampleTopologies().stream()
                .filter(t -> Files.exists(expectationsOf(t)));
    }

    static Path expectationsOf(Path topology) {
        return topology.resolveSibling(baseName(topology) + ".expected.yaml");
    }

    private static String baseName(Path topology) {
        return topology.getFileName().toString().replaceFirst("\\.yaml$", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samplesWithExpectations")
    void sampleMeetsItsExpectations(Path topology) {
        ProbeCommandTest.requireEngine();
        CliRun run = CliRun.of("run", topology.toString(), "--expect", expectationsOf(topology).toString());

        GoldenOutput.assertMatches(baseName(topology) + ".run.txt", run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void unmetExpectationsFailTheRunAndSayWhich(@TempDir Path dir) throws IOException {
        ProbeCommandTest.requireEngine();
        Path topology = dir.resolve("echoes.yaml");
        Files.writeString(topology, RunCommandTest.TOPOLOGY);
        Path expected = dir.resolve("echoes.expected.yaml");
        Files.writeString(expected, """
                send:
                  - {to: echo1, text: hello}
                within: 4s
                expect:
                  - {agent: echo1, frame: send, target: user, action: deliver}
                  - {agent: echo2, frame: tool.call, target: web, action: block}
                forbid:
                  - {agent: echo1, frame: send, target: user}
                answers:
                  - {from: echo1, contains: "echo: hello"}
                """);

        CliRun run = CliRun.of("run", topology.toString(), "--expect", expected.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).contains("Expectations: 2 of 3 met within 4 s",
                "not met: forbidden {agent: echo1, frame: send, target: user} happened",
                "not met: expected {agent: echo2, frame: tool.call, target: web, action: block} did not happen");
    }

    @Test
    void aBrokenExpectationsFileIsOneLocatedLine(@TempDir Path dir) throws IOException {
        Path topology = dir.resolve("echoes.yaml");
        Files.writeString(topology, RunCommandTest.TOPOLOGY);
        Path expected = dir.resolve("bad.expected.yaml");
        Files.writeString(expected, "send: []\nexpect:\n  - {agent: echo1, acton: deliver}\n");

        CliRun run = CliRun.of("run", topology.toString(), "--expect", expected.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .matches(".*bad\\.expected\\.yaml:3:\\d+: error: unknown field 'acton'");
    }
}
