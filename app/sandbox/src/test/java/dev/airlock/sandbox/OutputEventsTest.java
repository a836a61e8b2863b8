package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxOutput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutputEventsTest {

    final Engine.Recorder events = new Engine.Recorder();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private java.util.List<String> lines() {
        return events.of(SandboxOutput.class).stream().map(o -> (o.stderr() ? "err " : "out ") + o.line()).toList();
    }

    @Test
    void chunksBecomeLinesPerStreamAndTheRestComesOnFlush() {
        OutputEvents out = new OutputEvents(events, "r", "a", false);
        out.output(false, bytes("hel"));
        out.output(true, bytes("sh: can't create /x: Read-only"));
        out.output(false, bytes("lo\r\nwor"));
        out.output(true, bytes(" file system\n"));
        assertThat(lines()).containsExactly("out hello", "err sh: can't create /x: Read-only file system");
        out.flush();
        assertThat(lines()).endsWith("out wor");
    }

    @Test
    void stdoutIsIgnoredWhenItIsThePipe() {
        OutputEvents out = new OutputEvents(events, "r", "a", true);
        out.output(false, bytes("{\"t\":\"hello\"}\n"));
        out.output(true, bytes("starting\n"));
        assertThat(lines()).containsExactly("err starting");
    }

    @Test
    void aLongLineIsCutAndSaysSo() {
        OutputEvents out = new OutputEvents(events, "r", "a", false);
        out.output(false, bytes("x".repeat(OutputEvents.MAX_LINE * 3) + "\nnext\n"));
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).startsWith("out " + "x".repeat(OutputEvents.MAX_LINE))
                .endsWith("[airlock: line cut at " + OutputEvents.MAX_LINE + " bytes]");
        assertThat(lines().get(1)).isEqualTo("out next");
    }

    @Test
    void aFloodIsCappedAndTheDropsAreCounted() {
        OutputEvents out = new OutputEvents(events, "r", "a", false);
        int printed = OutputEvents.BURST * 20;
        out.output(true, bytes("spam\n".repeat(printed)));
        out.flush();
        long published = events.of(SandboxOutput.class).size();
        assertThat(published).isLessThan(OutputEvents.BURST + 200);
        long spam = lines().stream().filter(l -> l.startsWith("err spam")).count();
        long dropped = lines().stream().filter(l -> l.contains("dropped over the rate limit"))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*\\[airlock: (\\d+) .*", "$1"))).sum();
        assertThat(spam + dropped).as("every line either published or counted as dropped").isEqualTo(printed);
    }
}
