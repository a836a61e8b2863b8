package dev.airlock.core.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read is bounded whatever the path is: a regular file, a directory, a device, a pipe nobody writes to. */
class BoundedFilesTest {

    @Test
    void readsARegularFileWhole(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "\uFEFFcaf\u00e9\n");
        assertThat(BoundedFiles.readText(file, 1024, "a note")).isEqualTo("caf\u00e9\n");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), new byte[4096]);
        assertThat(BoundedFiles.readBytes(file, 4096, "a blob")).hasSize(4096);
    }

    @Test
    void oneByteMoreIsTooLarge(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), new byte[4097]);
        assertThatThrownBy(() -> BoundedFiles.readBytes(file, 4096, "a blob"))
                .hasMessage(file + ": is larger than 4096 bytes, the most a blob may be");
    }

    @Test
    void aDeviceWithoutEndIsTooLargeNotAHang() {
        assertThatThrownBy(() -> BoundedFiles.readBytes(Path.of("/dev/zero"), 4 * BoundedFiles.MIB, "a topology"))
                .hasMessage("/dev/zero: is larger than 4 MiB, the most a topology may be");
    }

    @Test
    void aPipeWithNoWriterGivesUpAfterTheDeadline(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> BoundedFiles.readBytes(fifo, 1024, "a topology", Duration.ofMillis(300)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("a pipe with no writer");
    }

    @Test
    void aPipeWithAWriterIsRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Process writer = new ProcessBuilder("sh", "-c", "printf 'a: 1' > " + fifo).start();
        assertThat(BoundedFiles.readText(fifo, 1024, "a topology")).isEqualTo("a: 1");
        writer.waitFor();
    }

    @Test
    void directoriesMissingFilesBinaryAndNotUtf8AreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> BoundedFiles.readText(dir, 1024, "x")).hasMessage(dir + ": is a directory, not a file");
        assertThatThrownBy(() -> BoundedFiles.readText(dir.resolve("nope"), 1024, "x"))
                .hasMessage(dir.resolve("nope") + ": no such file");
        Path binary = Files.write(dir.resolve("b"), new byte[] {'a', 'b', 0, 'c'});
        assertThatThrownBy(() -> BoundedFiles.readText(binary, 1024, "x"))
                .hasMessage(binary + ": is binary, not text (a NUL byte at offset 2)");
        Path latin1 = Files.write(dir.resolve("l"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> BoundedFiles.readText(latin1, 1024, "x"))
                .hasMessage(latin1 + ": is not UTF-8 text (byte 0xe9 at offset 3)");
    }
}
