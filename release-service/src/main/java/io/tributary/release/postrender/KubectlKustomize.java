package io.tributary.release.postrender;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Kustomize as the installed {@code kubectl} embeds it: {@code kubectl kustomize <dir>} on a directory written for one
 * build. No JVM port of Kustomize is maintained, and the embedded one is the real engine (Kustomize 5.5 in kubectl
 * 1.32), so patches, selectors and image rewriting behave as in helm-controller, which links the same Kustomize API.
 * The process gets no cluster credentials (an empty environment but {@code PATH}, {@code HOME} the build directory),
 * plugins stay disabled (kubectl's default), and its output is bounded in size and time.
 */
public final class KubectlKustomize {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Helm keeps a release in one Secret (1 MiB, compressed); rendered manifests far beyond that cannot be stored. */
    public static final long DEFAULT_MAX_OUTPUT = 32L << 20;
    private static final int MAX_ERROR = 4096;

    private final String binary;
    private final Duration timeout;
    private final long maxOutput;

    public KubectlKustomize(String binary, Duration timeout, long maxOutput) {
        this.binary = binary;
        this.timeout = timeout;
        this.maxOutput = maxOutput;
    }

    /** {@code kubectl} from {@code TRIBUTARY_KUBECTL}, else the first one on the {@code PATH}. */
    public static KubectlKustomize installed() {
        String configured = System.getenv("TRIBUTARY_KUBECTL");
        return new KubectlKustomize(configured == null || configured.isBlank() ? "kubectl" : configured, DEFAULT_TIMEOUT,
                DEFAULT_MAX_OUTPUT);
    }

    public String binary() {
        return binary;
    }

    /** Kustomize failed; the message is Kustomize's own. */
    public static final class KustomizeFailure extends Exception {
        public KustomizeFailure(String message) {
            super(message);
        }
    }

    /** The build of {@code dir} (holding a {@code kustomization.yaml}): Kustomize's YAML stream. */
    public String build(Path dir) throws KustomizeFailure, InterruptedException {
        Path stderr = dir.resolveSibling(dir.getFileName() + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(binary, "kustomize", dir.toString())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", dir.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new KustomizeFailure("cannot run " + binary + " kustomize: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> output = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    output.complete(read(process));
                } catch (RuntimeException e) {
                    output.completeExceptionally(e);
                }
            }, "kustomize-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KustomizeFailure("kustomize build did not finish within " + timeout.toSeconds() + "s");
            }
            byte[] out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (out == null) {
                throw new KustomizeFailure("kustomize build output exceeds " + maxOutput + " bytes");
            }
            if (process.exitValue() != 0) {
                throw new KustomizeFailure(error(stderr, process.exitValue()));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KustomizeFailure("kustomize build output could not be read: " + e.getMessage());
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException e) {
                // the caller removes the whole build directory
            }
        }
    }

    /** The process's output, or null (the process killed) once it runs past the bound. */
    private byte[] read(Process process) {
        InputStream in = process.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + (long) n > maxOutput) {
                    process.destroyForcibly();
                    return null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String error(Path stderr, int exit) {
        String text;
        try (InputStream in = Files.newInputStream(stderr)) {
            text = new String(in.readNBytes(MAX_ERROR), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            text = "";
        }
        return text.isEmpty() ? "kustomize build exited with " + exit : message(text);
    }

    private static final java.util.regex.Pattern KLOG = java.util.regex.Pattern.compile(
            "(?s)^E\\d{4} [0-9:.]+\\s+\\d+ \\S+\\] \"command failed\" err=\"(.*)\"$");

    /** Kustomize's message out of kubectl's report: {@code error: <message>}, or klog's {@code "command failed" err="<quoted>"}. */
    static String message(String stderr) {
        java.util.regex.Matcher klog = KLOG.matcher(stderr);
        if (klog.matches()) {
            return unquote(klog.group(1));
        }
        return stderr.startsWith("error: ") ? stderr.substring("error: ".length()) : stderr;
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
