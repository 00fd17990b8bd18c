package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.SpanKind;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;

/**
 * How one span looks as a bar, by kind: ISRs, DPCs and work-item callbacks solid in their
 * object's colour; a driver callback (EvtIoRead, EvtTimerFunc, …) in its object's colour too,
 * a little inset and outlined so that one run inside a DPC stands out from it; a request a light
 * tint of its colour with solid ends at its arrival and completion, its name at the start and
 * its status at the end (a check mark or a cross when the bar is short), a cancelled one hatched
 * grey with its status in the violation colour, one still pending at the end of the trace
 * open-ended, with "pending".
 */
final class SpanBars {
    private final TraceModel model;

    SpanBars(TraceModel model) {
        this.model = model;
    }

    /** Paints span {@code span} over pixel columns {@code [x, x + w)} (already clamped around the plot) and rows {@code [y, y + h)}. */
    void paint(Graphics2D g, TimelineStyle style, Axis axis, int span, int x, int w, int y, int h, int plotX) {
        SpanKind kind = model.spans().kind(span);
        int object = model.spans().object(span);
        boolean open = model.spans().endRow(span) < 0;
        int labelX = Math.max(x, plotX);
        int labelW = Math.min(w, x + w - plotX);
        switch (kind) {
            case REQUEST -> paintRequest(g, style, axis, span, x, w, y, h, labelX, labelW);
            case DRIVER_CALLBACK -> {
                Color c = Palette.of(object);
                int iy = y + Math.min(2, h / 4);
                int ih = Math.max(2, h - 2 * (iy - y));
                g.setColor(c);
                g.fillRect(x, iy, w, ih);
                if (w > 3) {
                    g.setColor(c.darker());
                    g.drawRect(x, iy, w - 1, ih - 1);
                }
                CallbackKind ck = model.callbackKind(span);
                String name = ck == null ? "callback" : ck.label();
                label(g, axis == Axis.STEP ? name + " " + model.names().object(object) : name, Palette.textOn(c), labelX, iy, labelW, ih);
            }
            default -> {
                Color c = Palette.of(object);
                g.setColor(c);
                g.fillRect(x, y, w, h);
                if (open && w > 4) {
                    g.setColor(style.background());
                    g.drawLine(x + w - 1, y, x + w - 1, y + h); // an open span: its end is not known yet
                }
                String label = axis == Axis.STEP ? kind.label() + " " + model.names().object(object) : model.names().object(object);
                label(g, label, Palette.textOn(c), labelX, y, labelW, h);
            }
        }
    }

    private void paintRequest(Graphics2D g, TimelineStyle style, Axis axis, int span, int x, int w, int y, int h,
                              int labelX, int labelW) {
        int request = model.spans().object(span);
        boolean open = model.spans().endRow(span) < 0;
        boolean cancelled = model.requestCancelled(span);
        Color c = Palette.of(request);
        g.setColor(blend(cancelled ? style.mutedText() : c, style.background(), cancelled ? 0.18 : 0.30));
        g.fillRect(x, y, w, h);
        if (cancelled) {
            hatch(g, blend(style.mutedText(), style.background(), 0.55), x, y, w, h);
        }
        g.setColor(c); // the ends in the request's colour, as its driver callbacks are
        g.fillRect(x, y, Math.min(w, 2), h); // the arrival
        if (!open && w > 3) {
            g.fillRect(x + w - 2, y, 2, h); // the completion
        }
        if (open && w > 8) {
            for (int i = 1; i <= 3; i++) { // pending: dots fading out at the end of the trace
                g.fillRect(x + w - 3 * i - 1, y + h / 2 - 1, 2, 2);
            }
        }
        String status = open ? "pending" : statusName(model.requestStatus(span));
        if (!fits(g.getFontMetrics(), model.names().object(request), labelW - g.getFontMetrics().stringWidth(status) - 8)) {
            status = shortStatus(g, status, cancelled);
        }
        String name = model.names().object(request);
        RequestType type = RequestType.ofId(model.events().arg(model.spans().startRow(span)) >>> 32);
        String typed = type == null || axis != Axis.STEP ? name : type.label() + " " + name;
        // as much as fits: the type and name with the status, the name with the status, the name, the status
        FontMetrics fm = g.getFontMetrics();
        int statusW = fm.stringWidth(status) + 6;
        String left = fits(fm, typed, labelW - statusW) ? typed : fits(fm, name, labelW - statusW) ? name : null;
        boolean showStatus = left != null || !fits(fm, name, labelW);
        if (left == null) {
            left = name;
        }
        if (showStatus && statusW <= labelW) {
            g.setColor(cancelled ? style.violation() : open ? style.mutedText() : style.text());
            g.drawString(status, labelX + labelW - statusW + 2, baseline(fm, y, h));
        }
        label(g, left, style.text(), labelX, y, showStatus ? labelW - statusW : labelW, h);
    }

    /** A status in a glyph or two, for a bar too short for the name and the status's name. */
    private static String shortStatus(Graphics2D g, String status, boolean cancelled) {
        if (cancelled) {
            return g.getFont().canDisplay('\u2715') ? "\u2715" : "x";
        }
        if (status.equals("SUCCESS")) {
            return g.getFont().canDisplay('\u2713') ? "\u2713" : "ok";
        }
        return status;
    }

    private static boolean fits(FontMetrics fm, String text, int w) {
        return w > 40 && fm.stringWidth(text) + 8 <= w;
    }

    /** "SUCCESS", "CANCELLED", or the code in hex for one the runtime does not name. */
    static String statusName(long code) {
        NtStatus s = NtStatus.ofCode(code);
        return s != null ? s.name() : String.format(java.util.Locale.ROOT, "0x%08X", code);
    }

    /** Draws {@code text} at the start of a bar when it fits. */
    private static void label(Graphics2D g, String text, Color color, int x, int y, int w, int h) {
        FontMetrics fm = g.getFontMetrics();
        if (w <= 40 || fm.stringWidth(text) + 8 > w || fm.getAscent() > h + 2) {
            return;
        }
        g.setColor(color);
        g.drawString(text, x + 4, baseline(fm, y, h));
    }

    private static int baseline(FontMetrics fm, int y, int h) {
        return y + (h + fm.getAscent() - fm.getDescent()) / 2;
    }

    private static void hatch(Graphics2D g, Color c, int x, int y, int w, int h) {
        Shape clip = g.getClip();
        g.clipRect(x, y, w, h);
        g.setColor(c);
        for (int i = x - h - (x % 6 + 6) % 6; i < x + w; i += 6) {
            g.drawLine(i, y + h, i + h, y);
        }
        g.setClip(clip);
    }

    /** {@code a} over {@code b} at opacity {@code alpha}. */
    static Color blend(Color a, Color b, double alpha) {
        return new Color((int) Math.round(a.getRed() * alpha + b.getRed() * (1 - alpha)),
                (int) Math.round(a.getGreen() * alpha + b.getGreen() * (1 - alpha)),
                (int) Math.round(a.getBlue() * alpha + b.getBlue() * (1 - alpha)));
    }
}
