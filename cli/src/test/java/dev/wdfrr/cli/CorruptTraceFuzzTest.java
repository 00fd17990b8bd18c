package dev.wdfrr.cli;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceWriter;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated traces through every command that reads one (the viewer's loader through {@code chart}): no unhandled exception, no hang, no
 * OutOfMemoryError; each either reads what it can (exit 0, saying truncated where it is) or
 * says in one line what is wrong (exit 2). Replay may also diverge (exit 1): a flipped bit can
 * make a different, valid trace.
 *
 * <p>The corpus is stratified: case {@code n} applies mutation {@code n % 7} to sample
 * {@code (n / 7) % 6}, so every mutation kind meets every sample, and the first round of each
 * pair also goes through replay, export and both charts. CI runs {@value #CI_CASES} cases (each
 * pair six times, with different random positions); {@code -Dwdfrr.fuzz.cases=N} runs more.
 */
@Timeout(1200)
class CorruptTraceFuzzTest {
    /** The committed samples, and a trace written through the concurrent writer (a lane per thread). */
    private static final String LANES = "lanes";
    private static final String[] SAMPLES = {"nic", "dma", "sensor", "usb-reset", "lost-update-failing", LANES};

    /** The kinds of damage; each is one class of corruption the readers must survive. */
    private enum Mutation {
        BIT_FLIPS, TRUNCATION, ZEROED_RANGE, SWAPPED_FILES, RANDOM_BYTES, METADATA, FOREIGN_QUEUE
    }

    private static final int PAIRS = Mutation.values().length * SAMPLES.length;
    static final int CI_CASES = 6 * PAIRS;

    @TempDir
    Path tmp;

    private Path sample(String name) {
        return name.equals(LANES) ? tmp.resolve("sample-lanes") : Path.of("..", "traces", name);
    }

    /** Records {@code nic} deterministically through the concurrent writer: several lanes, replayable. */
    private void writeLaneSample() {
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().seed(1).durationNanos(2_000_000L)
                .sink(TraceWriter.concurrent(sample(LANES), false, 65536)).build());
    }

    /** One of the trace's queue files (lanes included), chosen by {@code random}. */
    private Path cq4(Path dir, Random random) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
            return files.get(random.nextInt(files.size()));
        }
    }

    private Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** Corrupted trace directory number {@code n}: its mutation and sample follow from {@code n}. */
    private Path mutate(int n, Random random) throws IOException {
        Path dir = tmp.resolve("case-" + n);
        Mutation kind = Mutation.values()[n % Mutation.values().length];
        String base = SAMPLES[(n / Mutation.values().length) % SAMPLES.length];
        switch (kind) {
            case BIT_FLIPS -> { // anywhere in the first 64 KiB of one queue file
                copy(sample(base), dir);
                try (RandomAccessFile f = new RandomAccessFile(cq4(dir, random).toFile(), "rw")) {
                    long used = Math.min(f.length(), 64 << 10);
                    for (int i = 1 + random.nextInt(20); i > 0; i--) {
                        long at = (long) (random.nextDouble() * used);
                        f.seek(at);
                        int b = f.read();
                        f.seek(at);
                        f.write(b ^ 1 << random.nextInt(8));
                    }
                }
            }
            case TRUNCATION -> {
                copy(sample(base), dir);
                try (RandomAccessFile f = new RandomAccessFile(cq4(dir, random).toFile(), "rw")) {
                    f.setLength((long) (random.nextDouble() * Math.min(f.length(), 64 << 10)));
                }
            }
            case ZEROED_RANGE -> {
                copy(sample(base), dir);
                try (RandomAccessFile f = new RandomAccessFile(cq4(dir, random).toFile(), "rw")) {
                    long at = (long) (random.nextDouble() * Math.min(f.length(), 64 << 10));
                    f.seek(at);
                    f.write(new byte[1 + random.nextInt(4096)]);
                }
            }
            case SWAPPED_FILES -> { // between traces
                copy(sample(base), dir);
                Path other = sample(SAMPLES[random.nextInt(SAMPLES.length)]);
                Path from = random.nextBoolean() ? cq4(other, random) : other.resolve("metadata.cq4t");
                Files.copy(from, random.nextBoolean() ? cq4(dir, random) : dir.resolve(from.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            case RANDOM_BYTES -> { // named like queue files
                Files.createDirectories(dir);
                byte[] junk = new byte[random.nextInt(200_000)];
                random.nextBytes(junk);
                Files.write(dir.resolve("20261127F.cq4"), junk);
                if (random.nextBoolean()) {
                    byte[] meta = new byte[random.nextInt(70_000)];
                    random.nextBytes(meta);
                    Files.write(dir.resolve("metadata.cq4t"), meta);
                }
            }
            case METADATA -> { // missing or corrupted
                copy(sample(base), dir);
                Path meta = dir.resolve("metadata.cq4t");
                if (random.nextBoolean()) {
                    Files.delete(meta);
                } else {
                    try (RandomAccessFile f = new RandomAccessFile(meta.toFile(), "rw")) {
                        f.seek(random.nextInt((int) Math.min(f.length(), 4096)));
                        f.write(new byte[64]);
                    }
                }
            }
            case FOREIGN_QUEUE -> { // written by another Chronicle application
                try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build()) {
                    ExcerptAppender a = q.createAppender();
                    for (int i = 0; i < 1 + random.nextInt(50); i++) {
                        a.writeText("not a wdfrr trace " + i);
                    }
                }
            }
        }
        return dir;
    }

    @Test
    void anIntactLaneTraceDumpsChecksAndReplaysLikeAnyOther() {
        writeLaneSample();
        String dir = sample(LANES).toString();
        Cli.Result stats = Cli.run("stats", dir, "--json");
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("\"truncated\":false");
        assertThat(Cli.run("check", dir).exit()).isZero();
        Cli.Result replay = Cli.run("replay", dir);
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        Cli.Result dump = Cli.run("dump", dir, "--from", "20", "--limit", "3");
        assertThat(dump.exit()).isZero();
        assertThat(dump.out().lines().filter(l -> !l.startsWith("#")).map(l -> l.strip().split(" +")[0]).toList())
                .containsExactly("20", "21", "22");
    }

    @Test
    void corruptTracesNeverCrashHangOrSpillStackTraces() throws Exception {
        int cases = Integer.getInteger("wdfrr.fuzz.cases", CI_CASES);
        writeLaneSample();
        Random random = new Random(20261127L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> problems = new ArrayList<>();
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (int n = 0; n < cases; n++) {
                Path dir = mutate(n, random);
                boolean replay = n < PAIRS || n % 10 == 0;
                pending.add(pool.submit(() -> check(dir, replay)));
                if (pending.size() >= 16) {
                    drain(pending, problems);
                }
            }
            drain(pending, problems);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertThat(problems).as("%d of %d cases misbehaved", problems.size(), cases).isEmpty();
    }

    private static void drain(List<Future<String>> pending, List<String> problems) throws Exception {
        for (Future<String> f : pending) {
            try {
                String problem = f.get(60, TimeUnit.SECONDS);
                if (problem != null) {
                    problems.add(problem);
                }
            } catch (TimeoutException e) {
                problems.add("a case did not finish within 60 s (hang)");
            }
        }
        pending.clear();
    }

    /** Runs the reading commands on one directory; returns what went wrong, or null. */
    private static String check(Path dir, boolean replay) {
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[]{"stats", dir.toString()});
        commands.add(new String[]{"stats", dir.toString(), "--json"});
        commands.add(new String[]{"dump", dir.toString(), "--limit", "40"});
        commands.add(new String[]{"dump", dir.toString(), "--from", "30", "--json", "--limit", "5"});
        commands.add(new String[]{"check", dir.toString()});
        if (replay) {
            commands.add(new String[]{"replay", dir.toString()});
            commands.add(new String[]{"export", dir.toString(), "--format", "perfetto", "-o", dir.resolve("out.json").toString(), "--force"});
            commands.add(new String[]{"export", dir.toString(), "--format", "csv", "-o", dir.resolve("out.csv").toString(), "--force"});
            commands.add(new String[]{"chart", dir.toString(), "-o", dir.resolve("chart.png").toString(), "--force", "--width", "400", "--height", "300"});
            commands.add(new String[]{"chart", dir.toString(), "--kind", "timeline", "-o", dir.resolve("t.png").toString(), "--force", "--width", "400", "--height", "300"});
        }
        for (String[] args : commands) {
            Cli.Result r = Cli.run(args);
            String what = String.join(" ", args);
            if (r.err().contains("internal error") || r.err().contains("\tat ")) {
                return what + ": unhandled exception: " + r.err();
            }
            // replay may diverge and check may find something: a flipped bit can make a different, valid trace
            boolean finding = (args[0].equals("replay") || args[0].equals("check")) && r.exit() == 1;
            boolean allowed = r.exit() == 0 || r.exit() == 2 || finding;
            if (!allowed) {
                return what + ": exit " + r.exit();
            }
            if (r.exit() == 2 && r.err().strip().lines().count() != 1) {
                return what + ": not one line: " + r.err();
            }
        }
        return null;
    }
}
