package dev.wdfrr.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(180)
class NoNetworkTest {
    @TempDir
    Path tmp;

    @Test
    void recordingAndReadingNeverResolveAHostOrOpenASocket() throws Exception {
        try (ChildJvm child = new ChildJvm(List.of("-Djava.security.manager=" + NoNetworkSecurityManager.class.getName()),
                NoNetworkChild.class, tmp.toString())) {
            int exit = child.waitFor(120);
            String out = child.rest(5);
            assertThat(out).doesNotContain("NETWORK ATTEMPT").contains("LIVE events", "DETERMINISTIC events", "no network");
            assertThat(exit).isZero();
        }
    }

    @Test
    void theGuardItselfCatchesAnAttempt() throws Exception {
        // the same guard refuses a lookup, so the test above could fail
        NoNetworkSecurityManager sm = new NoNetworkSecurityManager();
        assertThatThrownBy(() -> sm.checkConnect("example.org", -1)).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> sm.checkConnect("example.org", 443)).isInstanceOf(SecurityException.class);
        NoNetworkSecurityManager.attempted = false;
    }

    @Test
    void chronicleAnalyticsIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("net.openhft.chronicle.analytics.Analytics"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
