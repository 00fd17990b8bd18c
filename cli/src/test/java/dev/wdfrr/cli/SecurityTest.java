package dev.wdfrr.cli;

import dev.wdfrr.cli.fixture.UserScenario;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a trace never loads a class it names; replay loads scenario classes only from the built-ins or --classpath. */
@Timeout(120)
class SecurityTest {
    @TempDir
    Path tmp;

    @Test
    void readingATraceThatNamesAClassNeverLoadsIt() {
        Path dir = tmp.resolve("tripwire");
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(new RunInfo("t", "tripwire", "dev.wdfrr.cli.fixture.Tripwire", Map.of(), EngineKind.DETERMINISTIC, 1, "s",
                    2, 2, 1, 0, "jvm", "os"));
            w.name(0, 0, 0, dev.wdfrr.runtime.event.NameKind.STRING, 1, "dev.wdfrr.cli.fixture.Tripwire");
        }
        assertThat(Cli.run("stats", dir.toString()).exit()).isZero();
        assertThat(Cli.run("dump", dir.toString()).exit()).isZero();
        Cli.Result replay = Cli.run("replay", dir.toString());
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err().strip()).isEqualTo("wdfrr replay: the trace was recorded with scenario class "
                + "dev.wdfrr.cli.fixture.Tripwire, which is not built in: pass --classpath with the directory or jar that holds it");
    }

    @Test
    void replayLoadsAUserScenarioOnlyFromAnExplicitClasspathAndSaysSo() {
        Path dir = tmp.resolve("user");
        WdfRunner.run(new UserScenario(), RunConfig.builder().sink(TraceWriter.create(dir, false)).build());
        assertThat(Cli.run("replay", dir.toString()).err()).contains("not built in: pass --classpath");
        Cli.Result r = Cli.run("replay", dir.toString(), "--classpath", Path.of("target", "test-classes").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("scenario dev.wdfrr.cli.fixture.UserScenario from --classpath", "events: identical");
    }
}
