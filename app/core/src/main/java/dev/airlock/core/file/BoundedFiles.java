package dev.airlock.core.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every file Airlock is given, with the read itself bounded: a file's size says nothing for a device or a
 * pipe ({@code /dev/zero} has none and never ends), so at most {@code limit + 1} bytes are ever read, and what is
 * not a regular file is read on a helper thread under a deadline, so a pipe with no writer cannot hang the caller.
 * Every failure is one {@link UnreadableFileException} whose message is fit to show as it is.
 */
public final class BoundedFiles {

    public static final int MIB = 1 << 20;
    /** How long a pipe or device may take to deliver its content (and end) before Airlock gives up on it. */
    static final Duration SILENCE = Duration.ofSeconds(5);

    private BoundedFiles() {
    }

    /**
     * The file's bytes, at most {@code limit} of them.
     *
     * @param what what the file should be, for the message when it is too large ("a topology")
     */
    public static byte[] readBytes(Path file, int limit, String what) {
        return readBytes(file, limit, what, SILENCE);
    }

    static byte[] readBytes(Path file, int limit, String what, Duration silence) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (attributes.isDirectory()) {
            throw new UnreadableFileException(file, "is a directory, not a file", -1);
        }
        if (attributes.isRegularFile()) {
            return readOpened(file, limit, what);
        }
        return readWithDeadline(file, limit, what, silence);
    }

    /**
     * The file as UTF-8 text (a leading byte-order mark dropped), at most {@code limit} bytes of it; a NUL byte or
     * a byte sequence that is not UTF-8 is named with its offset.
     */
    public static String readText(Path file, int limit, String what) {
        return decode(file, readBytes(file, limit, what));
    }

    static String decode(Path file, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableFileException(file, "is binary, not text (a NUL byte at offset " + i + ")", i);
            }
        }
        try {
            return StrictUtf8.decode(bytes);
        } catch (StrictUtf8.MalformedException e) {
            throw new UnreadableFileException(file, String.format(Locale.ROOT,
                    "is not UTF-8 text (byte 0x%02x at offset %d)", e.value(), e.offset()), e.offset());
        }
    }

    private static byte[] readOpened(Path file, int limit, String what) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min((long) limit + 1, initialCapacity(channel, limit)));
            while (true) {
                if (!buffer.hasRemaining()) {
                    if (buffer.capacity() > limit) {
                        throw new UnreadableFileException(file, tooLarge(limit, what), -1);
                    }
                    buffer = ByteBuffer.allocate((int) Math.min((long) limit + 1, buffer.capacity() * 2L))
                            .put(buffer.flip());
                }
                if (channel.read(buffer) < 0) {
                    return Arrays.copyOf(buffer.array(), buffer.position());
                }
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** A regular file's size is a good first guess; anything else starts small and grows. */
    private static long initialCapacity(FileChannel channel, int limit) throws IOException {
        long size = channel.size();
        return size > 0 ? size + 1 : Math.min(limit + 1L, 64 * 1024);
    }

    private static byte[] readWithDeadline(Path file, int limit, String what, Duration silence) {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("airlock-read-" + file.getFileName()).start(() -> {
            try {
                read.complete(readOpened(file, limit, what));
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
            }
        });
        try {
            return read.get(silence.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            unblockOpen(file);
            throw new UnreadableFileException(file, "gave nothing to read, or did not end, within "
                    + silence.toSeconds() + " s (a pipe with no writer?)", -1);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new UnreadableFileException(file, "reading was interrupted", -1);
        }
    }

    /**
     * Opening a pipe for reading waits for a writer, and no interrupt ends that wait; becoming the writer for a
     * moment does. This open cannot wait itself: the reader it frees is already there.
     */
    private static void unblockOpen(Path file) {
        Thread.ofPlatform().daemon().name("airlock-unblock-" + file.getFileName()).start(() -> {
            try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE)) {
                // Opened and closed: the reader's open returns and sees the end of the pipe.
            } catch (IOException | RuntimeException e) {
                // A device or socket cannot be opened this way; its reader was interrupted instead.
            }
        });
    }

    private static UnreadableFileException failure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UnreadableFileException(file, "no such file", -1);
        }
        if (e instanceof AccessDeniedException) {
            return new UnreadableFileException(file, "cannot be read: permission denied", -1);
        }
        if (e instanceof InterruptedIOException || e instanceof java.nio.channels.ClosedByInterruptException) {
            return new UnreadableFileException(file, "reading was interrupted", -1);
        }
        String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new UnreadableFileException(file, "cannot be read: " + (why == null ? e.getClass().getSimpleName()
                : why.toLowerCase(Locale.ROOT)), -1);
    }

    /** The one wording for every file over its limit, whatever read it. */
    public static String tooLarge(long limit, String what) {
        return "is larger than " + size(limit) + ", the most " + what + " may be";
    }

    /** "4 MiB", or bytes when the limit is not a whole number of MiB. */
    public static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
