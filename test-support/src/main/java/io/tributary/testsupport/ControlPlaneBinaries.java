package io.tributary.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The etcd, kube-apiserver and kube-controller-manager binaries, built by {@code test-support/control-plane/build.sh}
 * from the Go modules pinned there, into {@code ~/.cache/tributary/control-plane/<k8s version>-<source hash>/}.
 * A directory is reused while the Go sources are unchanged; otherwise {@code go build} runs (minutes when Go's
 * build cache is cold, seconds when warm), with a progress line every few hundred packages.
 *
 * <p>System properties: {@code tributary.control-plane.bin} names a directory of prebuilt binaries (nothing is
 * built); {@code tributary.control-plane.source} names the Go module when it is not found above the working
 * directory.
 */
public final class ControlPlaneBinaries {

    static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kube-controller-manager");
    private static final String SOURCE = "test-support/control-plane";
    private static final String COMPLETE = ".complete";
    private static final int PROGRESS_EVERY = 250;
    private static final Pattern KUBERNETES = Pattern.compile("(?m)^\\s*(?:require\\s+)?k8s\\.io/kubernetes\\s+(v[^\\s/]+)");

    private final Path dir;
    private final String kubernetesVersion;

    private ControlPlaneBinaries(Path dir, String kubernetesVersion) {
        this.dir = dir;
        this.kubernetesVersion = kubernetesVersion;
    }

    /** The binaries, built first when missing. */
    public static synchronized ControlPlaneBinaries ensure() {
        String prebuilt = System.getProperty("tributary.control-plane.bin");
        if (prebuilt != null && !prebuilt.isBlank()) {
            ControlPlaneBinaries binaries = new ControlPlaneBinaries(Path.of(prebuilt), "prebuilt");
            binaries.requireAll();
            return binaries;
        }
        Path source = sourceDir();
        String version = kubernetesVersion(read(source.resolve("go.mod")));
        Path dir = cacheRoot().resolve(version + "-" + sourceHash(source));
        ControlPlaneBinaries binaries = new ControlPlaneBinaries(dir, version);
        if (!Files.exists(dir.resolve(COMPLETE))) {
            binaries.buildLocked(source);
        }
        binaries.requireAll();
        return binaries;
    }

    public Path etcd() {
        return dir.resolve("etcd");
    }

    public Path kubeApiServer() {
        return dir.resolve("kube-apiserver");
    }

    public Path kubeControllerManager() {
        return dir.resolve("kube-controller-manager");
    }

    public Path dir() {
        return dir;
    }

    /** The k8s.io/kubernetes version in go.mod, or {@code prebuilt}. */
    public String kubernetesVersion() {
        return kubernetesVersion;
    }

    static String kubernetesVersion(String goMod) {
        Matcher matcher = KUBERNETES.matcher(goMod);
        if (!matcher.find()) {
            throw new IllegalStateException("go.mod requires no k8s.io/kubernetes version");
        }
        return matcher.group(1);
    }

    private void requireAll() {
        for (String name : NAMES) {
            if (!Files.isExecutable(dir.resolve(name))) {
                throw new IllegalStateException("control plane binary " + name + " is missing from " + dir);
            }
        }
    }

    /** Builds under a file lock, so test JVMs of several modules never build into one directory at once. */
    private void buildLocked(Path source) {
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.getParent().resolve(".build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = lock.lock()) {
                if (!Files.exists(dir.resolve(COMPLETE))) {
                    build(source);
                    Files.writeString(dir.resolve(COMPLETE), kubernetesVersion + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the control plane into " + dir, e);
        }
    }

    private void build(Path source) throws IOException {
        long started = System.nanoTime();
        System.out.printf("[control-plane] building etcd, kube-apiserver, kube-controller-manager (Kubernetes %s) into %s%n",
                kubernetesVersion, dir);
        ProcessBuilder builder = new ProcessBuilder("bash", source.resolve("build.sh").toString(), dir.toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GO_BUILD_FLAGS", "-v");
        env.put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/go/bin");
        Process process = builder.start();
        Deque<String> last = new ArrayDeque<>();
        int packages = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (last.size() == 40) {
                    last.removeFirst();
                }
                last.addLast(line);
                if (++packages % PROGRESS_EVERY == 0) {
                    System.out.printf("[control-plane] %d packages compiled, %s%n", packages, elapsed(started));
                }
            }
        }
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the control plane", e);
        }
        if (status != 0) {
            throw new IllegalStateException("building the control plane failed (go build exit " + status + "):\n"
                    + String.join("\n", last));
        }
        System.out.printf("[control-plane] built in %s%n", elapsed(started));
    }

    private static String elapsed(long startedNanos) {
        Duration d = Duration.ofNanos(System.nanoTime() - startedNanos);
        return d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s";
    }

    private static Path sourceDir() {
        String configured = System.getProperty("tributary.control-plane.source");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SOURCE);
            if (Files.exists(candidate.resolve("go.mod"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(SOURCE + "/go.mod not found above " + Path.of("").toAbsolutePath()
                + "; set -Dtributary.control-plane.source or -Dtributary.control-plane.bin");
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return cache.resolve("tributary").resolve("control-plane");
    }

    /** A digest of everything that decides the binaries: go.mod, go.sum, build.sh and the main packages. */
    static String sourceHash(Path source) {
        try (Stream<Path> mains = Files.walk(source.resolve("cmd"))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = Stream.concat(Stream.of(source.resolve("go.mod"), source.resolve("go.sum"), source.resolve("build.sh")),
                    mains.filter(Files::isRegularFile).sorted()).toList();
            for (Path file : files) {
                digest.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the control plane sources in " + source, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
