package dev.airlock.core.topology.io;

import dev.airlock.core.problem.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that try to hurt the reader. Each must end in exactly one located problem, quickly and without an
 * exception escaping; the timeouts only guard against a hang, they do not measure speed.
 */
@Timeout(20)
class HostileInputTest {

    private static Problem onlyProblem(byte[] bytes) {
        LoadResult r = TopologyReader.parse("h.yaml", bytes);
        assertThat(r.topology()).isNull();
        assertThat(r.problems()).hasSize(1);
        return r.problems().get(0);
    }

    private static Problem onlyProblem(String text) {
        return onlyProblem(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void empty() {
        assertThat(onlyProblem("").format()).isEqualTo("h.yaml:1:1: error: file is empty; expected a Topology document");
        assertThat(onlyProblem("  \n\n").message()).startsWith("file is empty");
    }

    @Test
    void onlyComments() {
        assertThat(onlyProblem("# nothing here\n").message()).contains("no YAML document");
    }

    @Test
    void binary() {
        byte[] bytes = {'a', 'p', 'i', '\n', 0, 1, 2, (byte) 0xff};
        assertThat(onlyProblem(bytes).format()).isEqualTo(
                "h.yaml:2:1: error: binary data (a NUL byte); expected a YAML or JSON text");
    }

    @Test
    void notUtf8PointsAtTheBadByte() {
        byte[] latin1 = "kind: Topology\nmetadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(onlyProblem(latin1).format()).isEqualTo(
                "h.yaml:2:21: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8");
    }

    @Test
    void billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        assertThat(onlyProblem(y.toString()).message()).contains("alias bomb");
    }

    @Test
    void aliasFanOutWithinTheAliasLimitIsStillBounded() {
        // 40 aliases stay under the alias limit but would expand 2^20 times without the node budget.
        StringBuilder y = new StringBuilder("l0: &l0 [x, y]\n");
        for (int i = 1; i <= 20; i++) {
            y.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        assertThat(onlyProblem(y.toString()).message()).contains("alias bomb");
    }

    @Test
    void recursiveAlias() {
        assertThat(onlyProblem("a: &a [*a]\n").message()).containsAnyOf("recursive", "alias");
    }

    @Test
    void deeplyNestedYaml() {
        String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThat(onlyProblem(deep).message()).contains("nested deeper than");
    }

    @Test
    void deeplyNestedJson() {
        String deep = "{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Problem p = TopologyReader.parse("h.json", deep.getBytes(StandardCharsets.UTF_8)).problems().get(0);
        assertThat(p.format()).matches("h\\.json:1:\\d+: error: .*(nest|depth).*");
    }

    @Test
    void multiMegabyte() {
        byte[] big = new byte[6 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        assertThat(onlyProblem(big).format()).isEqualTo(
                "h.yaml:1:1: error: is larger than 4 MiB, the most a topology may be");
    }

    @Test
    void twoDocuments() {
        assertThat(onlyProblem("a: 1\n---\nb: 2\n").format()).isEqualTo(
                "h.yaml:3:1: error: more than one YAML document; a topology file holds exactly one");
    }

    @Test
    void mergeKeysAreRefused() {
        assertThat(onlyProblem("base: &b {x: 1}\nother:\n  <<: *b\n").message()).contains("merge keys");
    }
}
