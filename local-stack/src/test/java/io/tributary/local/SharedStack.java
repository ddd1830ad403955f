package io.tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack per test run, shared by the end-to-end test classes ({@code @ExtendWith(SharedStack.class)}). It is
 * kept in JUnit's root store, so JUnit closes it, and with it every process it started, once the last test class is
 * done and before the test JVM exits.
 */
final class SharedStack implements BeforeAllCallback {

    /** Small enough that a test can commit a file over it. */
    static final long MAX_ENTRY_BYTES = 4 * 1024 * 1024;
    /** Small enough that a test can publish an index over it. */
    static final long MAX_INDEX_BYTES = 64 * 1024;
    private static LocalStack stack;

    /** The running stack; only valid inside a class extended with this extension. */
    static synchronized LocalStack get() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedStack.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedStack.class, key -> start(),
                Running.class);
    }

    private static synchronized Running start() {
        try {
            Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
            LocalStack started = LocalStack.start(root, root.resolve("local-stack/target/local-stack-it"), Ports.free(),
                    java.util.Map.of("artifact-service", List.of("-Dtributary.artifact.max-entry-bytes=" + MAX_ENTRY_BYTES),
                            "fetcher-service", List.of("-Dtributary.helm.max-index-bytes=" + MAX_INDEX_BYTES)));
            stack = started;
            Running running = new Running(started);
            started.applyExamples();
            started.awaitExamplesReady(Duration.ofMinutes(3));
            return running;
        } catch (Exception e) {
            if (stack != null) {
                stack.close();
            }
            throw new IllegalStateException("the local stack did not start", e);
        }
    }

    /** Closes the stack when JUnit closes its root store. */
    record Running(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
