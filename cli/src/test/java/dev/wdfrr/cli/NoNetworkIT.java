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
 * <p>What is allowed of the internet families is exactly what the JDK itself does when it loads
 * its network library (which every file channel needs): it opens and closes a TCP socket of
 * each family to see which are supported. Nothing may connect, bind, send, or open a datagram
 * socket (DNS).
 */
@Timeout(600)
class NoNetworkIT {
    @TempDir
    Path tmp;

    private static final Pattern SOCKET = Pattern.compile("socket\\((AF_\\w+), (\\w+)[^)]*\\)\\s*=\\s*(\\d+)");
    private static final Pattern FD_CALL = Pattern.compile("\\b(sendto|sendmsg|sendmmsg)\\((\\d+),");

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
        Process p = pb.start();
        assertThat(p.waitFor(540, TimeUnit.SECONDS)).as("the commands ended").isTrue();
        assertThat(p.exitValue()).as("a private UTS namespace (needs root or user namespaces): %s",
                Files.readString(tmp.resolve("ns.log"))).isZero();
        String[] commands = {"scenarios", "record", "live", "stats", "dump", "check", "diff", "perfetto", "csv", "replay", "explore",
                "chart", "timeline", "demo"};
        List<String> violations = new ArrayList<>();
        for (String c : commands) {
            Path rc = tmp.resolve(c + ".rc");
            assertThat(rc).as("%s ran", c).exists();
            int exit = Integer.parseInt(Files.readString(rc).trim());
            assertThat(exit).as("%s: %s", c, Files.readString(tmp.resolve(c + ".err"))).isIn(0, 1);
            violations.addAll(violations(c, Files.readAllLines(Path.of(log + "." + c), StandardCharsets.UTF_8)));
        }
        assertThat(violations).as("network system calls on host %s", host).isEmpty();
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
            if ((l.contains("connect(") || l.contains("bind(")) && l.contains("AF_INET") || l.contains("listen(")) {
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
