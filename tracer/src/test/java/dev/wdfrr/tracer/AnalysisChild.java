package dev.wdfrr.tracer;

import java.nio.file.Path;

/**
 * Run in a child JVM (with a small heap) by tests: one analysis of a trace, its result on one
 * line ("result ..." or "error: ..."). An analysis that runs out of memory ends the JVM with
 * an error instead.
 */
public final class AnalysisChild {
    private AnalysisChild() {
    }

    public static void main(String[] args) {
        String what = args[0];
        Path dir = Path.of(args[1]);
        try (TraceReader r = TraceReader.open(dir)) {
            switch (what) {
                case "stats" -> {
                    TraceStats s = TraceStats.of(r);
                    StringBuilder sb = new StringBuilder("result");
                    for (LatencyStage stage : LatencyStage.values()) {
                        sb.append(' ').append(stage.key()).append('=').append(s.latency(stage).count());
                    }
                    System.out.println(sb);
                }
                case "check" -> {
                    TraceCheck.Result c = TraceCheck.check(r);
                    System.out.println("result errors=" + c.errors() + " events=" + c.events());
                }
                case "perfetto" -> {
                    PerfettoExport.Summary s = PerfettoExport.write(r, Path.of(args[2]));
                    System.out.println("result events=" + s.events() + " slices=" + s.slices());
                }
                case "csv" -> {
                    CsvExport.Summary s = CsvExport.write(r, Path.of(args[2]), CsvExport.spansPathFor(Path.of(args[2])));
                    System.out.println("result events=" + s.events() + " spans=" + s.spans());
                }
                default -> throw new IllegalArgumentException(what);
            }
        } catch (TraceException e) {
            System.out.println("error: " + e.getMessage());
        }
        System.out.flush();
    }
}
