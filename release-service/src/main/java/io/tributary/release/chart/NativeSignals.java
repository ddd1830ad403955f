package io.tributary.release.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The Helm Go library, once it has rendered a chart, has taken over the process's SIGTERM, SIGINT and SIGHUP
 * handlers: a SIGTERM no longer starts the JVM's shutdown and the service runs on until SIGKILL. The JVM's own
 * handlers are captured before the library is first used ({@link #captureJvmHandlers}) and registered again after
 * every call into it ({@link #restoreJvmHandlers}), which puts the JVM's native handler back in front.
 */
final class NativeSignals {

    private static final Logger LOG = Logger.getLogger(NativeSignals.class);
    private static final Map<Signal, SignalHandler> JVM = new LinkedHashMap<>();

    private NativeSignals() {
    }

    /** Must run before the Go library is loaded. */
    static synchronized void captureJvmHandlers() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            Signal signal = new Signal(name);
            try {
                SignalHandler jvm = Signal.handle(signal, SignalHandler.SIG_DFL);
                Signal.handle(signal, jvm);
                JVM.put(signal, jvm);
            } catch (IllegalArgumentException reserved) {
                LOG.debugf("SIG%s is not available: %s", name, reserved.getMessage());
            }
        }
    }

    static synchronized void restoreJvmHandlers() {
        JVM.forEach(Signal::handle);
    }
}
