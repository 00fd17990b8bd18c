package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;

import java.nio.file.Path;
import java.util.Map;

/** Child of {@link NoNetworkTest}: records live and deterministically, reads and summarises; exit 3 if anything touched the network. */
public final class NoNetworkChild {
    private NoNetworkChild() {
    }

    public static void main(String[] args) {
        Path base = Path.of(args[0]);
        for (EngineKind engine : EngineKind.values()) {
            Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
            Path dir = base.resolve(engine.name());
            dev.wdfrr.runtime.WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().engine(engine)
                    .durationNanos(50_000_000L).sink(TraceWriter.create(dir, false)).build());
            try (TraceReader r = TraceReader.open(dir)) {
                System.out.println(engine + " events " + TraceStats.of(r).events());
            }
        }
        System.out.println(NoNetworkSecurityManager.attempted ? "network touched" : "no network");
        System.exit(NoNetworkSecurityManager.attempted ? 3 : 0);
    }
}
