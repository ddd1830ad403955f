package io.tributary.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code cosign} CLI, built once per machine from the Go module proxy ({@code go install
 * github.com/sigstore/cosign/v2/cmd/cosign@VERSION}) into {@code ~/.cache/tributary/cosign/<version>/}, so tests sign
 * artifacts exactly as users do: {@link #generateKeyPair} and {@link #sign} against an {@link OciRegistry}, trusting its
 * CA and logging in with its credentials, without a transparency log. A cold build takes minutes on two cores.
 *
 * <p>System property {@code tributary.cosign.bin} names a prebuilt binary (nothing is built).
 */
public final class CosignCli {

    public static final String VERSION = "v2.6.5";
    static final String MODULE = "github.com/sigstore/cosign/v2/cmd/cosign";
    public static final String PASSWORD = "tributary-cosign";
    private static final String COMPLETE = ".complete";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    private final Path binary;

    private CosignCli(Path binary) {
        this.binary = binary;
    }

    /** The CLI, built first when missing. */
    public static synchronized CosignCli ensure() {
        String prebuilt = System.getProperty("tributary.cosign.bin");
        if (prebuilt != null && !prebuilt.isBlank()) {
            return new CosignCli(Path.of(prebuilt));
        }
        Path dir = cacheRoot().resolve(VERSION);
        if (!Files.exists(dir.resolve(COMPLETE))) {
            buildLocked(dir);
        }
        Path binary = dir.resolve("cosign");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("cosign is missing from " + dir);
        }
        return new CosignCli(binary);
    }

    public Path binary() {
        return binary;
    }

    /** A key pair written by {@code cosign generate-key-pair}: the encrypted private key and the PEM public key. */
    public record KeyPair(Path privateKey, Path publicKey) {
        public String publicKeyPem() {
            try {
                return Files.readString(publicKey);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code cosign generate-key-pair} in {@code dir}, the key encrypted with {@link #PASSWORD}. */
    public KeyPair generateKeyPair(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, Map.of(), List.of("generate-key-pair"));
        return new KeyPair(dir.resolve("cosign.key"), dir.resolve("cosign.pub"));
    }

    /** {@code cosign import-key-pair} of a PKCS#8 PEM private key (RSA, ECDSA or Ed25519), written as {@code import-cosign.*} in {@code dir}. */
    public KeyPair importKeyPair(Path pem, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run(dir, Map.of(), List.of("import-key-pair", "--key", pem.toString(), "--output-key-prefix", "import-cosign"));
        return new KeyPair(dir.resolve("import-cosign.key"), dir.resolve("import-cosign.pub"));
    }

    /**
     * {@code cosign sign --key} of {@code repository@digest} on {@code registry}: the signature goes to the
     * {@code sha256-<hex>.sig} tag, no transparency log upload, the registry's CA given as {@code --registry-cacert}
     * and its credentials in a Docker config.
     */
    public void sign(OciRegistry registry, String repository, String digest, KeyPair key, Path work) throws IOException, InterruptedException {
        Path config = Files.createDirectories(work.resolve("docker-config"));
        Map<String, String> env = new java.util.HashMap<>();
        if (registry.auth() != OciRegistry.Auth.NONE) {
            Files.writeString(config.resolve("config.json"), registry.dockerConfigJson(OciRegistry.USER, registry.password()));
        } else {
            Files.writeString(config.resolve("config.json"), "{}");
        }
        env.put("DOCKER_CONFIG", config.toString());
        List<String> args = new ArrayList<>(List.of("sign", "--key", key.privateKey().toString(), "--tlog-upload=false", "--yes"));
        if (registry.pki() == null) {
            args.add("--allow-http-registry");
        } else {
            Path ca = work.resolve("registry-ca.pem");
            Files.writeString(ca, registry.pki().caPem());
            args.add("--registry-cacert=" + ca);
        }
        args.add(registry.host() + "/" + repository + "@" + digest);
        run(work, env, args);
    }

    private String run(Path dir, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("COSIGN_PASSWORD", PASSWORD);
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("TUF_ROOT", dir.resolve(".sigstore").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("cosign " + args.get(0) + " did not finish in " + RUN_TIMEOUT);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("cosign " + String.join(" ", args) + " failed (exit " + process.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** Builds under a file lock, so test JVMs of several modules never build into one directory at once. */
    private static void buildLocked(Path dir) {
        try {
            Files.createDirectories(dir);
            try (FileChannel lock = FileChannel.open(dir.getParent().resolve(".build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); var held = lock.lock()) {
                if (!Files.exists(dir.resolve(COMPLETE))) {
                    build(dir);
                    Files.writeString(dir.resolve(COMPLETE), VERSION + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build cosign into " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building cosign", e);
        }
    }

    private static void build(Path dir) throws IOException, InterruptedException {
        long started = System.nanoTime();
        System.out.printf("[cosign] building %s@%s into %s (go install; minutes when Go's build cache is cold)%n", MODULE, VERSION, dir);
        Path log = dir.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder("go", "install", "-trimpath", "-ldflags", "-s -w", MODULE + "@" + VERSION)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("GOBIN", dir.toString());
        env.put("GOFLAGS", "-mod=mod");
        env.put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/local/go/bin");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("building cosign took over " + BUILD_TIMEOUT + "; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException("building cosign failed (go install exit " + process.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("[cosign] built in %dm%02ds%n", took.toMinutes(), took.toSecondsPart());
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return cache.resolve("tributary").resolve("cosign");
    }
}
