package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.source.GitRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code bin/run-local} tells a newcomer to do works as printed: clone the demo repository, commit, {@code git
 * push}, fire the webhook; and what it promises holds: services on loopback only, no secret on a command line.
 */
@ExtendWith(SharedStack.class)
class NewcomerPathIT {

    private static final String NS = "newcomer";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Newcomer", "-c", "user.email=new@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git " + String.join(" ", args) + ":\n" + out).isZero();
        return out.trim();
    }

    /**
     * On a copy of the demo repository, made as the demo is, watched by its own GitRepository: the other tests count
     * the demo's revisions and releases. The webhook half of the printed path is {@code LocalStackIT}'s.
     */
    @Test
    void aCloneCommitAndGitPushBringTheNewRevision() throws Exception {
        String name = "newcomer-demo";
        DemoRepository.create(stack.git(), name);
        stack.createNamespace(NS);
        GitRepository watched = stack.client().getKubernetesSerialization().unmarshal("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                spec:
                  interval: 10m
                  url: %s
                  ref:
                    branch: main
                """.formatted(stack.gitBaseUrl() + name + ".git"), GitRepository.class);
        watched.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        stack.client().resource(watched).create();
        Path parent = Files.createTempDirectory("tributary-newcomer");
        try {
            git(parent, "clone", stack.gitBaseUrl() + name + ".git", "tributary-demo");
            Path clone = parent.resolve("tributary-demo");
            Files.writeString(clone.resolve("charts/demo/Chart.yaml"),
                    Files.readString(clone.resolve("charts/demo/Chart.yaml")).replace("version: 0.1.0", "version: 0.2.0"));
            git(clone, "commit", "-am", "Bump the demo chart");
            git(clone, "push");
            String pushed = git(clone, "rev-parse", "HEAD");
            assertThat(stack.git().repository(name).getRepository().resolve("refs/heads/main").name()).isEqualTo(pushed);

            String requestedAt = "pushed-" + System.nanoTime();
            stack.edit(GitRepository.class, NS, name, r -> {
                r.getMetadata().setAnnotations(java.util.Map.of(io.tributary.api.meta.Annotations.REQUESTED_AT, requestedAt));
                return r;
            });
            stack.await("GitRepository " + NS + "/" + name + " at the pushed commit", Duration.ofMinutes(1), () -> {
                GitRepository repo = stack.client().resources(GitRepository.class).inNamespace(NS).withName(name).get();
                return repo.getStatus() != null && repo.getStatus().artifact != null
                        && ("main@sha1:" + pushed).equals(repo.getStatus().artifact.revision);
            });
        } finally {
            LocalStack.deleteTree(parent);
        }
    }

    @Test
    void noCommandLineCarriesTheUploadTokenOrAnyCredential() throws IOException {
        for (String name : List.of("kafka", "artifact-service", "fetcher-service", "release-service", "notification-service")) {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(stack.pid(name)), "cmdline")).replace('\0', ' ');
            assertThat(commandLine).as(name + "'s command line").doesNotContainIgnoringCase("token")
                    .doesNotContainIgnoringCase("password").doesNotContain("client-key").doesNotContain("cert-data");
        }
    }

    @Test
    void everyServiceListensOnLoopbackOnly() throws IOException {
        Ports ports = stack.ports();
        List<Integer> servicePorts = List.of(ports.artifact(), ports.artifactManagement(), ports.fetcher(), ports.release(),
                ports.webhook(), ports.notificationManagement());
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                // st 0A is LISTEN; local_address is HEXIP:HEXPORT
                if (!"0A".equals(fields[3])) {
                    continue;
                }
                String[] address = fields[1].split(":");
                if (servicePorts.contains(Integer.parseInt(address[1], 16))) {
                    listening.add(address[0]);
                }
            }
        }
        assertThat(listening).as("listening addresses of the service ports").hasSize(servicePorts.size())
                .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F")
                        || a.equals("00000000000000000000000001000000"), "127.0.0.1, ::ffff:127.0.0.1 or ::1");
    }
}
