package dev.wdfrr.bench;

import dev.wdfrr.bench.bugs.Bugs;
import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.engine.CarrierPool;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The deterministic engine on platform threads (the baseline: what every JDK 17 run uses) against
 * virtual threads, side by side in one JVM: exploring a scenario the way {@code wdfrr explore
 * --keep-going} does (in memory, fresh strategy per schedule, coverage fingerprint), rounds of
 * each kind taking turns so that load from elsewhere hits both alike. Reported per lane count:
 * median schedules per wall second, and schedules per CPU second of the whole process (the
 * per-core figure: it does not depend on how much of the machine other processes take).
 * Run on JDK 21+: {@code java -cp bench/target/benchmarks.jar dev.wdfrr.bench.EngineSpeed [SCENARIO] [SCHEDULES] [ROUNDS]}.
 */
public final class EngineSpeed {
    private EngineSpeed() {
    }

    record Round(double wallRate, double cpuRate) {
    }

    public static void main(String[] args) {
        String scenario = args.length > 0 ? args[0] : "lost-update";
        long schedules = args.length > 1 ? Long.parseLong(args[1]) : 4_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (!CarrierPool.virtualThreadsAvailable()) {
            System.out.println("JDK " + Runtime.version() + " has no virtual threads: run this on JDK 21 or later");
        }
        System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, %s, PCT depth 3, %,d schedules per round, %d rounds per kind (first dropped as warm-up)%n%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), scenario, schedules, rounds);
        System.out.println("| lanes | engine threads | schedules/s (wall, median) | schedules per CPU-second (median) | ratio (CPU) |");
        System.out.println("|---:|---|---:|---:|---:|");
        for (int lanes : new int[]{1, 2}) {
            List<Round> platform = new ArrayList<>();
            List<Round> virtual = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                platform.add(round(scenario, schedules, lanes, "platform", r));
                if (CarrierPool.virtualThreadsAvailable()) {
                    virtual.add(round(scenario, schedules, lanes, "virtual", r));
                }
            }
            Round p = median(platform);
            System.out.printf(Locale.ROOT, "| %d | platform (baseline) | %,.0f | %,.0f | 1.0× |%n", lanes, p.wallRate(), p.cpuRate());
            if (!virtual.isEmpty()) {
                Round v = median(virtual);
                System.out.printf(Locale.ROOT, "| %d | virtual | %,.0f | %,.0f | **%.1f×** (wall %.1f×) |%n", lanes, v.wallRate(),
                        v.cpuRate(), v.cpuRate() / p.cpuRate(), v.wallRate() / p.wallRate());
            }
        }
        System.clearProperty("wdfrr.threads");
    }

    private static Round round(String scenario, long schedules, int lanes, String kind, int round) {
        System.setProperty("wdfrr.threads", kind); // the explorer's lanes and pools take the default kind
        long cpu0 = cpuNanos();
        Explorer.Result r = Explorer.explore(Bugs.byId(scenario).scenario(), Map.of(), new Explorer.Options(Strategies.Kind.PCT, 3,
                schedules, RunConfig.builder().seed(round + 1).build(), lanes, ProgressListener.NONE).keepGoing(true));
        long cpu = cpuNanos() - cpu0;
        return new Round(r.schedules() / (r.elapsedNanos() / 1e9), r.schedules() / (cpu / 1e9));
    }

    private static Round median(List<Round> rounds) {
        List<Round> measured = rounds.subList(1, rounds.size()); // the first round of each kind warms up
        double[] wall = measured.stream().mapToDouble(Round::wallRate).sorted().toArray();
        double[] cpu = measured.stream().mapToDouble(Round::cpuRate).sorted().toArray();
        return new Round(wall[wall.length / 2], cpu[cpu.length / 2]);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
