package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No command touches the network, seen where it cannot hide: the system calls, traced with
 * strace(1), of every command run on a host whose own name does not resolve (a private UTS
 * namespace with a random host name), which is when a look-up of it would go to DNS.
 *
 * <p>{@code view}, the desktop viewer, runs too, with no display: {@code java -jar wdfrr.jar view
 * TRACE} with {@link ViewerProbe} as a Java agent, which puts Caciocavallo's headless toolkit
 * under it (what the viewer's window tests run on). Its window opens and paints the trace's
 * timeline, events table and latency charts into a virtual screen, the probe reads them back
 * from there, then closes the window, which ends the command. (Without the look-up stopped in
 * {@link Main}, this is where the viewer's font configuration queried DNS for the host's name.)
 *
 * <p>What is allowed of the internet families is exactly what the JDK itself does when it loads
 * its network library (which every file channel needs): it opens and closes a TCP socket of
 * each family to see which are supported. Nothing may connect, bind, send, or open a datagram
 * socket (DNS). Local (AF_UNIX) sockets are no network: the probe's toolkit attaches to its own
 * JVM through one, listening on it.
 */
@Timeout(600)
class NoNetworkIT {
    @TempDir
    Path tmp;

    private static final Pattern SOCKET = Pattern.compile("socket\\((AF_\\w+), (\\w+)[^)]*\\)\\s*=\\s*(\\d+)");
    /** The jars the probe needs besides wdfrr's: the toolkit, and what its JUnit extension class links to. */
    private static final Pattern PROBE_CLASS_PATH = Pattern.compile("cacio-|byte-buddy|junit-jupiter-api-|junit-platform-commons-|opentest4j-");
    /** More colours than this in a part of the window: something was painted there (blank is 1). */
    private static final int MIN_COLOURS = 4;
    private static final Pattern FD_CALL = Pattern.compile("\\b(sendto|sendmsg|sendmmsg|listen)\\((\\d+),");

    @Test
    void noCommandConnectsSendsOrResolvesAHostNameOnAHostWhoseNameDoesNotResolve() throws Exception {
        requireStrace();
        Path log = tmp.resolve("strace.log");
        String host = "wdfrr-nohost-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
        String script = """
                set -u
                hostname "$HOST" || { echo "cannot set the host name" >&2; exit 97; }
                run() {
                  name=$1; shift
                  strace -f -qq -o "$LOG.$name" -e trace=socket,connect,bind,listen,sendto,sendmsg,sendmmsg \\
                    "$JAVA" -jar "$JAR" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
                  echo $? >"$WORK/$name.rc"
                }
                view() {
                  name=$1; shift
                  mkdir -p "$WORK/home"
                  env -u DISPLAY strace -f -qq -o "$LOG.$name" -e trace=socket,connect,bind,listen,sendto,sendmsg,sendmmsg \
                    "$JAVA" "-javaagent:$PROBE=$WORK/$name" $CACIO_FLAGS -Djava.awt.headless=false \
                    -Dcacio.managed.screensize=1600x1000 "-Duser.home=$WORK/home" -jar "$JAR" view "$@" \
                    >"$WORK/$name.out" 2>"$WORK/$name.err"
                  echo $? >"$WORK/$name.rc"
                }
                cd "$WORK"
                run scenarios scenarios
                run record record nic -o t
                run live record nic --engine live --duration 200ms -o live
                run stats stats t
                run dump dump t --limit 5
                run check check t
                run diff diff t t
                run perfetto export t --format perfetto -o t.json
                run csv export t --format csv -o t.csv
                run replay replay t -o r
                run explore explore lost-update --iterations 200 -o e
                run chart chart t -o latency.png
                run timeline chart t --kind timeline -o timeline.png
                run demo demo --duration 200ms
                view view t
                """;
        List<String> cmd = new ArrayList<>("root".equals(System.getProperty("user.name"))
                ? List.of("unshare", "--uts") : List.of("unshare", "--user", "--map-root-user", "--uts"));
        cmd.addAll(List.of("sh", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("ns.log").toFile());
        pb.environment().put("HOST", host);
        pb.environment().put("LOG", log.toString());
        pb.environment().put("WORK", tmp.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JAR", SmallFileSystem.jar().toString());
        pb.environment().put("PROBE", probeAgent().toString());
        pb.environment().put("CACIO_FLAGS", java.util.Objects.requireNonNull(System.getProperty("wdfrr.cacio.flags"),
                "wdfrr.cacio.flags: failsafe sets it from the root pom (mvn verify -pl cli)"));
        Process p = pb.start();
        assertThat(p.waitFor(540, TimeUnit.SECONDS)).as("the commands ended").isTrue();
        assertThat(p.exitValue()).as("a private UTS namespace (needs root or user namespaces): %s",
                Files.readString(tmp.resolve("ns.log"))).isZero();
        String[] commands = {"scenarios", "record", "live", "stats", "dump", "check", "diff", "perfetto", "csv", "replay", "explore",
                "chart", "timeline", "demo", "view"};
        List<String> violations = new ArrayList<>();
        for (String c : commands) {
            Path rc = tmp.resolve(c + ".rc");
            assertThat(rc).as("%s ran", c).exists();
            int exit = Integer.parseInt(Files.readString(rc).trim());
            assertThat(exit).as("%s: %s", c, Files.readString(tmp.resolve(c + ".err"))).isIn(0, 1);
            violations.addAll(violations(c, Files.readAllLines(Path.of(log + "." + c), StandardCharsets.UTF_8)));
        }
        assertThat(violations).as("network system calls on host %s", host).isEmpty();
        assertViewerPainted();
    }

    /** The viewer ran its course: window open, the trace painted, closed by the probe (exit 0). */
    private void assertViewerPainted() throws Exception {
        String out = Files.readString(tmp.resolve("view.out"), StandardCharsets.UTF_8);
        assertThat(Files.readString(tmp.resolve("view.rc")).trim()).as("view: %s%s", out, Files.readString(tmp.resolve("view.err")))
                .isEqualTo("0");
        for (String part : List.of("timeline", "charts", "table")) {
            Matcher m = Pattern.compile("painted " + part + ": (?:(\\d+) rows, )?(\\d+) colours").matcher(out);
            assertThat(m.find()).as("the viewer painted its %s: %s", part, out).isTrue();
            assertThat(Integer.parseInt(m.group(2))).as("colours in the %s (1: blank): %s", part, out).isGreaterThan(MIN_COLOURS);
            if (m.group(1) != null) {
                assertThat(Integer.parseInt(m.group(1))).as("rows in the events table").isPositive();
            }
        }
        assertThat(tmp.resolve("view-events.png")).isNotEmptyFile();
        assertThat(tmp.resolve("view-latency.png")).isNotEmptyFile();
    }

    /**
     * {@link ViewerProbe} as an agent jar: its manifest names the probe and, on its class path,
     * this module's test classes and the toolkit's jars, as this JVM found them.
     */
    private Path probeAgent() throws Exception {
        StringBuilder cp = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.equals("test-classes") || PROBE_CLASS_PATH.matcher(name).lookingAt()) {
                cp.append(Path.of(e).toUri()).append(' ');
            }
        }
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Premain-Class", ViewerProbe.class.getName());
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, cp.toString().strip());
        Path jar = tmp.resolve("viewer-probe.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), mf)) {
            // the manifest is all it holds
        }
        return jar;
    }

    @Test
    void aHostNameLookUpIsAViolationAndTheJdksOwnSocketsAreNot() {
        List<String> log = List.of(
                "101 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 15", // the JDK's network library probing the families
                "101 socket(AF_INET6, SOCK_STREAM, IPPROTO_IP) = 15",
                "102 socket(AF_UNIX, SOCK_STREAM, 0) = 14", // the attach listener (the probe's toolkit)
                "102 bind(14, {sa_family=AF_UNIX, sun_path=\"/tmp/.java_pid100\"}, 110) = 0",
                "102 listen(14, 5)                     = 0",
                "103 socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 16", // what the look-up did
                "103 connect(16, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = 0",
                "103 sendmmsg(16, [{msg_hdr={...}, msg_len=40}], 2, MSG_NOSIGNAL) = 2",
                "104 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 17",
                "104 listen(17, 50) = 0");
        assertThat(violations("view", log)).containsExactly("view: " + log.get(5), "view: " + log.get(6), "view: " + log.get(7),
                "view: " + log.get(9));
    }

    /** The lines of one command's system-call log that touch the network. */
    static List<String> violations(String command, List<String> lines) {
        List<String> out = new ArrayList<>();
        Map<String, String> familyOfFd = new HashMap<>();
        for (String l : lines) {
            Matcher s = SOCKET.matcher(l);
            if (s.find()) {
                familyOfFd.put(s.group(3), s.group(1));
                boolean inet = s.group(1).startsWith("AF_INET");
                if (inet && !s.group(2).startsWith("SOCK_STREAM") || !inet && !s.group(1).equals("AF_UNIX")) {
                    out.add(command + ": " + l); // a datagram socket (DNS), a raw or netlink one
                }
                continue;
            }
            if ((l.contains("connect(") || l.contains("bind(")) && l.contains("AF_INET")) {
                out.add(command + ": " + l);
                continue;
            }
            Matcher f = FD_CALL.matcher(l);
            if (f.find() && !"AF_UNIX".equals(familyOfFd.get(f.group(2)))) {
                out.add(command + ": " + l);
            }
        }
        return out;
    }

    private static void requireStrace() throws Exception {
        try {
            Process p = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (java.io.IOException e) {
            // below
        }
        throw new AssertionError("this test traces system calls with strace(1): install it (Debian: apt-get install strace); "
                + ".ci/run does");
    }
}
