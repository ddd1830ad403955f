package io.tributary.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real kubectl against a kubeconfig: one-shot commands, and long-running ones whose lines are read as they come. */
final class Kubectl {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** {@code /usr/bin/kubectl} or the first {@code kubectl} on the PATH. */
    static String binary() {
        if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
            return "/usr/bin/kubectl";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Path.of(dir, "kubectl").toString();
            }
        }
        throw new IllegalStateException("kubectl not found in /usr/bin or on the PATH");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs to completion (stdout and stderr together), failing after a minute. */
    Result run(String... args) {
        Process process = start(args);
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " still running after " + TIMEOUT.toSeconds() + "s");
            }
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs and expects exit code 0; returns the output. */
    String ok(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** Starts a long-running command (a watch, a wait) whose output lines are queued as they are printed. */
    Streaming stream(String... args) {
        return new Streaming(start(args));
    }

    private Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kubectl", e);
        }
    }

    static final class Streaming implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Streaming(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process was destroyed
                }
            }, "kubectl-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Blocks until a line matching {@code wanted} is printed; fails after a minute with every line seen. */
        String awaitLine(Predicate<String> wanted) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (line == null) {
                        break;
                    }
                    seen.add(line);
                    if (wanted.test(line)) {
                        return line;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("no such line from kubectl within " + TIMEOUT.toSeconds() + "s; lines: " + seen);
        }

        /** Waits for the command to end by itself and returns its exit code. */
        int awaitExit() throws InterruptedException {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("kubectl still running; lines: " + seen + lines);
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroy();
        }
    }
}
