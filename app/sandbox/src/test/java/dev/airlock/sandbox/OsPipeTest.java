package dev.airlock.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's stdio pipe outlives the threads that wrote to it, as docker-java's and the MCP client's pools do. */
class OsPipeTest {

    @Test
    void bytesWrittenByAThreadThatHasEndedAreStillReadThenEndOfStreamAfterClose() throws Exception {
        OsPipe pipe = new OsPipe();
        Thread writer = Thread.ofPlatform().start(() -> write(pipe, "first\n"));
        writer.join();
        assertThat(writer.isAlive()).isFalse();

        byte[] first = pipe.in().readNBytes(6);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first\n");

        Thread second = Thread.ofPlatform().start(() -> write(pipe, "second"));
        second.join();
        pipe.out().close();
        assertThat(new String(pipe.in().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    @Test
    void aReaderWaitingWhileItsWriterThreadIsGoneGetsTheNextBytesNotAnError() throws Exception {
        OsPipe pipe = new OsPipe();
        Thread.ofPlatform().start(() -> write(pipe, "a")).join();
        assertThat(pipe.in().read()).isEqualTo('a');
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.in().read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // Longer than the one second after which a PipedInputStream whose last writer ended says "Pipe broken".
        Thread.sleep(2_500);
        Thread.ofPlatform().start(() -> write(pipe, "b")).join();
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo((int) 'b');
    }

    private static void write(OsPipe pipe, String text) {
        try {
            pipe.out().write(text.getBytes(StandardCharsets.UTF_8));
            pipe.out().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
