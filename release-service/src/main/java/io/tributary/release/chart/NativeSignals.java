package io.tributary.release.chart;

import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The Helm Go library, once loaded into the JVM, takes over the process's SIGTERM, SIGINT and SIGHUP handlers, so a
 * SIGTERM no longer starts the JVM's shutdown and the service runs on until SIGKILL. Registering the JVM's own
 * handlers again puts them back in front: SIGTERM then stops the service as it stops every other.
 */
final class NativeSignals {

    private static final Logger LOG = Logger.getLogger(NativeSignals.class);
    private static final String[] SHUTDOWN_SIGNALS = {"TERM", "INT", "HUP"};

    private NativeSignals() {
    }

    static void restoreJvmHandlers() {
        for (String name : SHUTDOWN_SIGNALS) {
            Signal signal = new Signal(name);
            try {
                // handle() returns the JVM's current handler (the one that runs the shutdown hooks); handing it back
                // re-registers the JVM's native handler for the signal
                SignalHandler jvm = Signal.handle(signal, SignalHandler.SIG_DFL);
                Signal.handle(signal, jvm);
            } catch (IllegalArgumentException reserved) {
                LOG.debugf("SIG%s cannot be re-registered: %s", name, reserved.getMessage());
            }
        }
    }
}
