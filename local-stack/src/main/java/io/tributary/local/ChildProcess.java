package io.tributary.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM the stack started, its output appended to a log file; stopped gracefully, then forcibly; restartable. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ChildProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> jvmArgs, List<String> command, Path logDir) throws IOException {
        return start(name, jvmArgs, command, Map.of(), logDir);
    }

    /** @param environment added to this JVM's environment: where secrets go, since a command line is public in {@code ps} */
    static ChildProcess start(String name, List<String> jvmArgs, List<String> command, Map<String, String> environment,
            Path logDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a JVM out of memory ends, so that it is restarted rather than left half alive
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.addAll(jvmArgs);
        cmd.addAll(command);
        Files.createDirectories(logDir);
        ChildProcess child = new ChildProcess(name, List.copyOf(cmd), Map.copyOf(environment), logDir.resolve(name + ".log"));
        Files.deleteIfExists(child.log);
        child.launch();
        return child;
    }

    private void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status; only once {@link #alive()} is false. */
    int exitValue() {
        return process.exitValue();
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** SIGKILL, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; how long it took to exit, or null if it still ran after {@code limit} (it is then killed). */
    Duration terminate(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return Duration.ofNanos(System.nanoTime() - start);
        }
        threadDump();
        kill();
        return null;
    }

    /** Appends the threads of a process that would not stop to {@code <name>.threads}, to see what held it. */
    private void threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolveSibling(name + ".threads").toFile()))
                    .start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no dump then; the process is killed either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the same command again (after it ended), appending to the same log. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
