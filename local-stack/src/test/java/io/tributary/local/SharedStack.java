package io.tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One local stack per test JVM, shared by the end-to-end test classes; stopped when the JVM exits. */
final class SharedStack {

    /** Small enough that a test can commit a file over it. */
    static final long MAX_ENTRY_BYTES = 4 * 1024 * 1024;
    private static LocalStack stack;

    private SharedStack() {
    }

    static synchronized LocalStack get() throws Exception {
        if (stack == null) {
            Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
            stack = LocalStack.start(root, root.resolve("local-stack/target/local-stack-it"), Ports.free(),
                    List.of("-Dtributary.artifact.max-entry-bytes=" + MAX_ENTRY_BYTES));
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-shutdown"));
            stack.applyExamples();
            stack.awaitExamplesReady(Duration.ofMinutes(3));
        }
        return stack;
    }
}
