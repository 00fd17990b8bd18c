package dev.wdfrr.viewer;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.viewer.internal.latency.ChartTheme;
import dev.wdfrr.viewer.internal.latency.LatencyGrid;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimelineImage;
import dev.wdfrr.viewer.internal.timeline.TimelineStyle;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Charts of a trace rendered to PNG files without a window: what {@code wdfrr chart} writes.
 * Works with {@code -Djava.awt.headless=true}; needs no display.
 */
public final class Charts {
    /** Largest width or height accepted, in pixels. */
    public static final int MAX_SIZE = 16_384;

    private Charts() {
    }

    /**
     * Reads {@code trace} and writes one chart of it as a PNG image of exactly
     * {@code width × height} pixels, replacing {@code png} if it exists.
     *
     * @param kind {@link ChartKind#LATENCY}: the per-stage latency distributions in a grid;
     *             {@link ChartKind#TIMELINE}: the timeline of the whole trace
     * @throws TraceException           when {@code trace} is missing, not a trace, or corrupt
     *                                  (the message is one line, for the user)
     * @throws IllegalArgumentException when width or height is not between 1 and {@value #MAX_SIZE}
     * @throws IOException              when the PNG cannot be written (e.g. its directory does not exist)
     */
    public static void write(Path trace, Path png, ChartKind kind, int width, int height) throws IOException {
        write(trace, png, kind, TimelineAxis.AUTO, width, height);
    }

    /**
     * Like {@link #write(Path, Path, ChartKind, int, int)}, with the timeline's axis chosen:
     * {@link TimelineAxis#AUTO} lays a deterministic trace out by steps and a live one by time.
     */
    public static void write(Path trace, Path png, ChartKind kind, TimelineAxis axis, int width, int height)
            throws IOException {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(axis, "axis");
        checkSize("width", width);
        checkSize("height", height);
        TraceModel model = TraceLoader.read(trace);
        BufferedImage image = render(model, kind, axis.resolve(model.header().engine()), width, height);
        try (OutputStream out = Files.newOutputStream(png)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this JVM");
            }
        }
    }

    static BufferedImage render(TraceModel model, ChartKind kind, Axis axis, int width, int height) {
        return switch (kind) {
            case LATENCY -> LatencyGrid.render(model, width, height, ChartTheme.LIGHT);
            case TIMELINE -> TimelineImage.render(model, axis, width, height, TimelineStyle.light());
        };
    }

    private static void checkSize(String what, int pixels) {
        if (pixels < 1 || pixels > MAX_SIZE) {
            throw new IllegalArgumentException(what + " must be between 1 and " + MAX_SIZE + " pixels, got " + pixels);
        }
    }
}
