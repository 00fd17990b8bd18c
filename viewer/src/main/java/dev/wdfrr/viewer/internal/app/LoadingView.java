package dev.wdfrr.viewer.internal.app;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.Locale;

/** What a tab shows while its trace loads: what is being read, how far along, and a Cancel button. */
final class LoadingView extends JPanel {
    private final JLabel label = new JLabel();
    private final JProgressBar bar = new JProgressBar(0, 1000);
    private final JButton cancel = new JButton("Cancel");
    private final String what;

    LoadingView(String what, Runnable onCancel) {
        super(new GridBagLayout());
        this.what = what;
        setBorder(BorderFactory.createEmptyBorder(20, 20, 20, 20));
        bar.setStringPainted(true);
        cancel.addActionListener(e -> {
            cancel.setEnabled(false);
            label.setText("Cancelling…");
            onCancel.run();
        });
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = 0;
        c.insets = new Insets(6, 6, 6, 6);
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        add(label, c);
        add(bar, c);
        c.fill = GridBagConstraints.NONE;
        add(cancel, c);
        progress(0, 0);
    }

    void progress(long events, double fraction) {
        bar.setIndeterminate(false);
        bar.setStringPainted(true);
        label.setText(String.format(Locale.ROOT, "Reading %s: %,d events", what, events));
        bar.setValue((int) Math.round(fraction * 1000));
        bar.setString(Math.round(fraction * 100) + "%");
    }

    /** Says the trace is not there yet and is being waited for (following a recording about to start). */
    void waiting() {
        label.setText("<html><b>Waiting for " + escape(what) + "</b><br>The trace appears here as soon as its recording "
                + "starts.</html>");
        bar.setIndeterminate(true);
        bar.setStringPainted(false);
    }

    /** Replaces the progress with a message (the load failed or was cancelled). */
    void failed(String message) {
        label.setText("<html><b>Cannot show " + escape(what) + "</b><br>" + escape(message) + "</html>");
        bar.setVisible(false);
        cancel.setVisible(false);
    }

    String message() {
        return label.getText();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
