package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.CancelPlan;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.IoSourceConfig;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.RequestMix;
import dev.wdfrr.runtime.hw.SizeRange;
import dev.wdfrr.runtime.wdf.WdfDevice;

import java.util.ArrayList;
import java.util.List;

/**
 * What the I/O scenarios share: the parameters of the virtual I/O source (how many requests, how
 * fast, what mix and sizes, which are cancelled and when) and of the PnP arrivals (stop, restart,
 * removal, at windows the schedule chooses an instant in), parsed and checked.
 */
final class IoScenarioSupport {
    private IoScenarioSupport() {
    }

    static List<ScenarioParameter> ioParameters(String requests, String rate, String cancelFraction, String cancelAfter) {
        return List.of(
                new ScenarioParameter("requests", requests, "requests the I/O source sends in all"),
                new ScenarioParameter("requesters", "2", "processes sending them (each a thread with its own handle)"),
                new ScenarioParameter("rate", rate, "mean arrival rate, requests per second (Poisson)"),
                new ScenarioParameter("read-fraction", "0.5", "share of reads; the rest are writes"),
                new ScenarioParameter("max-size", "4096", "largest request length in bytes (lengths are uniform in 1..max)"),
                new ScenarioParameter("cancel-fraction", cancelFraction, "share of requests a CancelIo cancels"),
                new ScenarioParameter("cancel-after", cancelAfter, "when a CancelIo comes after its request: a window FROM..TO the schedule picks in"),
                new ScenarioParameter("exit-at", "none", "when the first requester's process exits (none: never)"));
    }

    static List<ScenarioParameter> pnpParameters(String stopAt, String restartAfter, String removeAt) {
        return List.of(
                new ScenarioParameter("stop-at", stopAt, "when a stop (rebalance) arrives: a window FROM..TO, or none"),
                new ScenarioParameter("restart-after", restartAfter, "how long after the stop window its restart arrives"),
                new ScenarioParameter("remove-at", removeAt, "when the removal arrives: a window FROM..TO"));
    }

    static List<ScenarioParameter> concat(List<ScenarioParameter> a, List<ScenarioParameter> b, ScenarioParameter... more) {
        List<ScenarioParameter> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(List.of(more));
        return out;
    }

    /** The I/O source the parameters describe, bounded by its request count. */
    static IoSource source(WdfRuntime rt, WdfDevice device, Parameters p, RequestMix mix) {
        long requests = p.count("requests");
        long[] cancelAfter = p.window("cancel-after");
        long[] exitAt = p.window("exit-at");
        double cancelFraction = p.fraction("cancel-fraction");
        CancelPlan cancels = new CancelPlan(cancelAfter == null ? 0 : cancelFraction, cancelAfter == null ? 0 : cancelAfter[0],
                cancelAfter == null ? 0 : cancelAfter[1], exitAt == null ? -1 : exitAt[0], 0);
        long maxSize = atLeastOne(p, "max-size");
        int requesters = (int) atLeastOne(p, "requesters");
        return rt.createIoSource(IoSourceConfig.of("app", device,
                        new InterruptSource.Poisson(p.positive("rate"), rt.config().seed() * 31 + 7))
                .requesters(requesters).mix(mix).sizes(new SizeRange(1, maxSize)).cancels(cancels).maxRequests(requests));
    }

    /**
     * Checks the values of the I/O source's and the PnP arrivals' parameters the scenario declares,
     * as {@link #source} and {@link #arrivals} read them, before a run ({@code Scenario.checkParameters}).
     */
    static void check(Parameters p) {
        p.count("requests");
        p.window("cancel-after");
        p.window("exit-at");
        p.fraction("cancel-fraction");
        atLeastOne(p, "max-size");
        atLeastOne(p, "requesters");
        p.positive("rate");
        if (p.asMap().containsKey("read-fraction")) {
            p.fraction("read-fraction");
        }
        if (p.asMap().containsKey("stop-at")) {
            arrivals(p);
        }
    }

    /** A whole number of at least 1 (an int's range). */
    static long atLeastOne(Parameters p, String name) {
        long v = p.intValue(name);
        if (v < 1) {
            throw new ConfigurationException("parameter " + name + " of " + p.scenarioId() + " must be at least 1, got " + v);
        }
        return v;
    }

    /** The removal's window, which every I/O scenario has. */
    static long[] removeAt(Parameters p) {
        long[] remove = p.window("remove-at");
        if (remove == null) {
            throw new ConfigurationException("parameter remove-at of " + p.scenarioId() + " must be a window, not none");
        }
        return remove;
    }

    static RequestMix readWrite(Parameters p) {
        double reads = p.fraction("read-fraction");
        return new RequestMix(reads, 1 - reads, 0, null);
    }

    /** Stop (and its restart) if given, then the removal. */
    static PnpArrival[] arrivals(Parameters p) {
        List<PnpArrival> out = new ArrayList<>();
        long[] stop = p.window("stop-at");
        long restartAfter = p.nanos("restart-after");
        long[] remove = removeAt(p);
        if (stop != null) {
            out.add(new PnpArrival(PnpAction.STOP, stop[0], stop[1]));
            out.add(new PnpArrival(PnpAction.RESTART, stop[0] + restartAfter, stop[1] + restartAfter));
        }
        out.add(new PnpArrival(PnpAction.REMOVE, remove[0], remove[1]));
        return out.toArray(PnpArrival[]::new);
    }

    /** Null when every request the source sent has completed, else what is wrong. */
    static String allCompleted(IoSource source, int requesters, long expected) {
        if (source == null) {
            return "the scenario did not start its I/O source";
        }
        if (source.sent() != expected) {
            return "the I/O source sent " + source.sent() + " requests, expected " + expected;
        }
        for (int i = 0; i < requesters; i++) {
            int n = source.requester(i).outstanding();
            if (n != 0) {
                return source.requester(i).name() + " still has " + n + " requests outstanding";
            }
        }
        return null;
    }
}
