package dev.wdfrr.viewer.internal.app;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;

/** FlatLaf, light or dark. */
public final class Themes {
    private Themes() {
    }

    /** Installs the look and feel before any window exists. */
    public static void install(boolean dark) {
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Switches a running application's look and feel and updates every window. */
    static void switchTo(boolean dark) {
        install(dark);
        FlatLaf.updateUI();
    }
}
