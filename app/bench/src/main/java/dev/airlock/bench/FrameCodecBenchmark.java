package dev.airlock.bench;

import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.FrameCodec;
import dev.airlock.gate.wire.FrameException;
import dev.airlock.gate.wire.Header;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Header-only routing: what reading and writing a frame costs, independent of its body size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

    final Header header = Header.type("send").put("to", "researcher").put("kind", "task").put("id", 42L).build();
    final byte[] encoded = FrameCodec.encode(new Frame(header, new byte[4096]));
    final FrameCodec codec = new FrameCodec(1 << 20);

    @Benchmark
    public byte[] encodeHead() {
        return FrameCodec.encodeHead(header, 4096);
    }

    @Benchmark
    public Frame decode() throws IOException, FrameException {
        return codec.read(new ByteArrayInputStream(encoded));
    }
}
