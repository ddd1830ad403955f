package io.tributary.notification;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import org.jboss.logging.Logger;

/**
 * Warns at startup when an OutOfMemoryError would not end the process. A JVM that ran out of heap keeps some threads
 * and loses others: it can go on answering health checks while it no longer handles webhooks, so nothing restarts it.
 * {@code -XX:+ExitOnOutOfMemoryError} (set through {@code JAVA_TOOL_OPTIONS} in the Deployment) makes it exit instead.
 */
@ApplicationScoped
class OutOfMemoryPolicy {

    private static final Logger LOG = Logger.getLogger(OutOfMemoryPolicy.class);

    void check(@Observes StartupEvent event) {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm != null && !enabled(vm, "ExitOnOutOfMemoryError") && !enabled(vm, "CrashOnOutOfMemoryError")) {
                LOG.warn("the JVM runs without -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError would leave the service half alive");
            }
        } catch (RuntimeException unknownVm) {
            // not HotSpot, or a native image: nothing to check
        }
    }

    private static boolean enabled(HotSpotDiagnosticMXBean vm, String option) {
        return Boolean.parseBoolean(vm.getVMOption(option).getValue());
    }
}
