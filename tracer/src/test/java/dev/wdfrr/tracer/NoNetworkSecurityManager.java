package dev.wdfrr.tracer;

import java.security.Permission;

/**
 * Installed with {@code -Djava.security.manager=} in a child JVM by {@link NoNetworkTest}:
 * allows everything except resolving host names, connecting, listening, accepting and
 * multicast, which it reports on stdout and refuses.
 */
@SuppressWarnings("removal")
public final class NoNetworkSecurityManager extends SecurityManager {
    static volatile boolean attempted;

    private static void refuse(String what) {
        attempted = true;
        System.out.println("NETWORK ATTEMPT: " + what);
        System.out.flush();
        throw new SecurityException("no network: " + what);
    }

    @Override
    public void checkPermission(Permission perm) {
        if (perm instanceof java.net.SocketPermission) {
            refuse(perm.toString());
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    @Override
    public void checkConnect(String host, int port) {
        refuse((port == -1 ? "resolve " : "connect ") + host + (port == -1 ? "" : ":" + port));
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        checkConnect(host, port);
    }

    @Override
    public void checkListen(int port) {
        refuse("listen " + port);
    }

    @Override
    public void checkAccept(String host, int port) {
        refuse("accept " + host + ":" + port);
    }

    @Override
    public void checkMulticast(java.net.InetAddress maddr) {
        refuse("multicast " + maddr);
    }
}
